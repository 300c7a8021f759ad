/** Byte-level helpers of the passkey ceremonies: user handles and clientDataJSON. */
import { isUuid } from "@/lib/ids";

const B64URL = /^[A-Za-z0-9_-]*$/;

export function isBase64Url(value: string): boolean {
  return B64URL.test(value);
}

/** The WebAuthn user handle of an app user: the 16 bytes of their uuid, base64url (spec §9.5). */
export function userHandleOf(appUserId: string): string {
  return Buffer.from(appUserId.replace(/-/g, ""), "hex").toString("base64url");
}

export function userIdBytes(appUserId: string): Uint8Array<ArrayBuffer> {
  if (!isUuid(appUserId)) throw new Error("userIdBytes: not a uuid");
  return new Uint8Array(Buffer.from(appUserId.replace(/-/g, ""), "hex"));
}

/** The `challenge` named by a base64url clientDataJSON, or null when it cannot be read. */
export function challengeOf(clientDataJSON: string): string | null {
  if (!isBase64Url(clientDataJSON)) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(clientDataJSON, "base64url").toString("utf8"));
    if (!parsed || typeof parsed !== "object") return null;
    const challenge = (parsed as Record<string, unknown>).challenge;
    return typeof challenge === "string" && challenge.length > 0 && challenge.length <= 512 && isBase64Url(challenge)
      ? challenge
      : null;
  } catch {
    return null;
  }
}
