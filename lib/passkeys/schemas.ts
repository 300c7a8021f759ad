/** Request and response shapes of the passkey routes (spec §9), for validation and OpenAPI. */
import { z } from "zod";
import { optional, zJsonObject } from "@/lib/api/fields";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";

export const WebauthnParams = z.object({ app_id: z.string() });
export const DeviceParams = z.object({ app_id: z.string(), id: z.string() });

/** Largest accepted clientDataJSON (base64url characters); real ones are a few hundred bytes. */
export const MAX_CLIENT_DATA_CHARS = 4096;
/** Credential ids are at most 1023 bytes (WebAuthn L3): 1364 base64url characters. */
export const MAX_CREDENTIAL_ID_CHARS = 1364;

const b64url = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, "must be base64url");

const TRANSPORTS = ["ble", "cable", "hybrid", "internal", "nfc", "smart-card", "usb"] as const;

const credentialBase = {
  id: b64url(MAX_CREDENTIAL_ID_CHARS).describe("The browser's `credential.id` (base64url)."),
  rawId: b64url(MAX_CREDENTIAL_ID_CHARS),
  type: z.literal("public-key"),
  authenticatorAttachment: z.enum(["platform", "cross-platform"]).nullish(),
  clientExtensionResults: z.record(z.string(), z.unknown()).optional().default({}),
};

export const AttestationBody = z
  .object({
    ...credentialBase,
    response: z.object({
      clientDataJSON: b64url(MAX_CLIENT_DATA_CHARS),
      attestationObject: b64url(96 * 1024),
      transports: z.array(z.string().max(32)).max(10).optional().default([]),
    }),
  })
  .meta({ id: "AttestationCredential", description: "A registration credential in webauthn-json form (spec §9)." });
export type AttestationInput = z.output<typeof AttestationBody>;

export const AssertionBody = z
  .object({
    ...credentialBase,
    response: z.object({
      clientDataJSON: b64url(MAX_CLIENT_DATA_CHARS),
      authenticatorData: b64url(4096),
      signature: b64url(2048),
      userHandle: z
        .string()
        .max(128)
        .regex(/^[A-Za-z0-9_-]*$/, "must be base64url")
        .nullish(),
    }),
  })
  .meta({ id: "AssertionCredential", description: "An authentication credential in webauthn-json form (spec §9)." });
export type AssertionInput = z.output<typeof AssertionBody>;

/** Keep only transports the WebAuthn spec defines. */
export function knownTransports(values: readonly string[]): string[] {
  return [...new Set(values.filter((t): t is (typeof TRANSPORTS)[number] => (TRANSPORTS as readonly string[]).includes(t)))];
}

export const RegisterInitializeBody = z.object({
  identifier: z.string().describe("Email or phone (E.164) of the new user."),
  user_meta: optional(zJsonObject(z.record(z.string(), z.unknown()))).describe(
    "Values for the app's declared meta fields; invalid keys are reported in `user_meta_errors`, not stored.",
  ),
});

export const LoginInitializeBody = z.object({
  identifier: optional(z.string()).describe(
    "Email or phone of the user. Without it the options allow any passkey of the app (discoverable credentials, autofill).",
  ),
});

const OptionsJson = z.record(z.string(), z.unknown());

export const CreationOptionsResponse = z
  .object({
    user_verification: z.enum(["required", "preferred", "discouraged"]),
    options: OptionsJson.describe("PublicKeyCredentialCreationOptionsJSON (not wrapped in `publicKey`)."),
    user_meta_errors: z.record(z.string(), z.array(z.string())).optional(),
  })
  .meta({ id: "PasskeyCreationOptions" });

export const RequestOptionsResponse = z
  .object({
    user_verification: z.enum(["required", "preferred", "discouraged"]),
    options: OptionsJson.describe("PublicKeyCredentialRequestOptionsJSON (not wrapped in `publicKey`)."),
  })
  .meta({ id: "PasskeyRequestOptions" });

export const PasskeySignInResponse = z.union([
  TokenPayloadSchema,
  z.object({ mfa_required: z.literal(true) }).passthrough().meta({ id: "PasskeyMfaRequired" }),
]);

export const DeviceResponse = z
  .object({
    id: z.string().describe("The credential id, exactly as the browser reported it."),
    nickname: z.string().nullable(),
    user_agent: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
    transports: z.array(z.string()),
    aaguid: z.string().nullable(),
    backed_up: z.boolean(),
  })
  .meta({ id: "PasskeyDevice" });

export const DeviceRemovedResponse = z.object({ message: z.literal("ok") });
