/**
 * A small software authenticator for tests (threats T18): an ES256 key from
 * node:crypto, "none" attestation encoded with CBOR, and assertion signatures
 * over authenticatorData || SHA-256(clientDataJSON). It answers options the
 * way a browser plus a platform authenticator would, and lets a test bend any
 * part (origin, RP ID, flags, counter, user handle, credential id).
 */
import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { isoCBOR } from "@simplewebauthn/server/helpers";

const b64url = (bytes: Uint8Array | Buffer) => Buffer.from(bytes).toString("base64url");
const sha256 = (data: Uint8Array | string) => createHash("sha256").update(data).digest();

export interface RegistrationOptionsJSON {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  excludeCredentials?: { id: string }[];
}

export interface RequestOptionsJSON {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string }[];
}

export interface CeremonyOverrides {
  /** clientDataJSON origin (default: the authenticator's origin). */
  origin?: string;
  /** RP ID whose hash goes into authenticatorData (default: the options' RP ID). */
  rpId?: string;
  /** Challenge written into clientDataJSON (default: the options' challenge). */
  challenge?: string;
  /** clientDataJSON type (default webauthn.create / webauthn.get). */
  type?: string;
  /** User verified flag (default true). */
  uv?: boolean;
  /** User present flag (default true). */
  up?: boolean;
  /** Sign counter to report (default: the next value). */
  counter?: number;
  /** userHandle to report on assertions (default: the registered user handle; null omits it). */
  userHandle?: string | null;
  /** Pad clientDataJSON with this many extra bytes (oversized-input tests). */
  padClientData?: number;
}

export interface Passkey {
  credentialId: string;
  userHandle: string;
  rpId: string;
  privateKey: KeyObject;
  cosePublicKey: Uint8Array;
  counter: number;
}

function clientData(type: string, challenge: string, origin: string, pad = 0): string {
  const data: Record<string, unknown> = { type, challenge, origin, crossOrigin: false };
  if (pad > 0) data.padding = "x".repeat(pad);
  return b64url(Buffer.from(JSON.stringify(data), "utf8"));
}

function flagsByte(o: CeremonyOverrides, attested: boolean): number {
  let flags = 0;
  if (o.up !== false) flags |= 0x01;
  if (o.uv !== false) flags |= 0x04;
  if (attested) flags |= 0x40;
  return flags;
}

function counterBytes(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

export class SoftAuthenticator {
  readonly passkeys: Passkey[] = [];

  constructor(readonly origin: string) {}

  /** The default RP ID: the origin's hostname. */
  get rpId(): string {
    return new URL(this.origin).hostname;
  }

  /** Create a passkey for `options` (a browser's navigator.credentials.create + webauthn-json). */
  register(options: RegistrationOptionsJSON, o: CeremonyOverrides & { credentialId?: string; save?: boolean } = {}) {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = publicKey.export({ format: "jwk" });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2], // kty: EC2
        [3, -7], // alg: ES256
        [-1, 1], // crv: P-256
        [-2, new Uint8Array(Buffer.from(String(jwk.x), "base64url"))],
        [-3, new Uint8Array(Buffer.from(String(jwk.y), "base64url"))],
      ]),
    );
    const rawId = o.credentialId ? Buffer.from(o.credentialId, "base64url") : randomBytes(32);
    const rpId = o.rpId ?? options.rp.id ?? this.rpId;
    const counter = o.counter ?? 0;
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(rawId.length);
    const authData = Buffer.concat([
      sha256(rpId),
      Buffer.from([flagsByte(o, true)]),
      counterBytes(counter),
      Buffer.alloc(16), // aaguid: zeros (none attestation)
      idLen,
      rawId,
      Buffer.from(cose),
    ]);
    const attestationObject = isoCBOR.encode(
      new Map<string, string | Map<string, number> | Uint8Array>([
        ["fmt", "none"],
        ["attStmt", new Map<string, number>()],
        ["authData", new Uint8Array(authData)],
      ]),
    );
    const credentialId = b64url(rawId);
    const passkey: Passkey = { credentialId, userHandle: options.user.id, rpId, privateKey, cosePublicKey: cose, counter };
    if (o.save !== false) this.passkeys.push(passkey);
    return {
      passkey,
      json: {
        id: credentialId,
        rawId: credentialId,
        type: "public-key",
        authenticatorAttachment: "platform",
        response: {
          clientDataJSON: clientData(o.type ?? "webauthn.create", o.challenge ?? options.challenge, o.origin ?? this.origin, o.padClientData),
          attestationObject: b64url(attestationObject),
          transports: ["internal", "hybrid"],
        },
        clientExtensionResults: {},
      },
    };
  }

  /** Sign `options` with `passkey` (default: the first allowed one, else the last created). */
  assert(options: RequestOptionsJSON, o: CeremonyOverrides & { passkey?: Passkey } = {}) {
    const allowed = options.allowCredentials?.map((c) => c.id) ?? [];
    const passkey =
      o.passkey ?? this.passkeys.find((p) => allowed.includes(p.credentialId)) ?? this.passkeys[this.passkeys.length - 1];
    if (!passkey) throw new Error("SoftAuthenticator: no passkey");
    const counter = o.counter ?? passkey.counter + 1;
    if (o.counter === undefined) passkey.counter = counter;
    const authData = Buffer.concat([sha256(o.rpId ?? options.rpId ?? passkey.rpId), Buffer.from([flagsByte(o, false)]), counterBytes(counter)]);
    const clientDataJSON = clientData(o.type ?? "webauthn.get", o.challenge ?? options.challenge, o.origin ?? this.origin, o.padClientData);
    const signed = Buffer.concat([authData, sha256(Buffer.from(clientDataJSON, "base64url"))]);
    const signature = sign("sha256", signed, passkey.privateKey); // DER-encoded ECDSA, as authenticators send
    const userHandle = o.userHandle === undefined ? passkey.userHandle : o.userHandle;
    return {
      id: passkey.credentialId,
      rawId: passkey.credentialId,
      type: "public-key",
      authenticatorAttachment: "platform",
      response: {
        clientDataJSON,
        authenticatorData: b64url(authData),
        signature: b64url(signature),
        ...(userHandle === null ? {} : { userHandle }),
      },
      clientExtensionResults: {},
    };
  }
}
