/** Request and response shapes of the OTP routes (spec §8), for validation and OpenAPI. */
import { z } from "zod";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";
import { optional, zBool, zJsonObject } from "@/lib/api/fields";

export const OtpParams = z.object({ app_id: z.string() });

export const OtpLoginBody = z.object({
  // Any string: classification and length checks live in parseIdentifier, so a
  // bad identifier is always 400 invalid_identifier (never a validation error).
  identifier: z.string().describe("Phone (E.164, `+` required) or email (only when the app's `email_auth_type` is `otp`)."),
  user_meta: optional(zJsonObject(z.record(z.string(), z.unknown()))).describe(
    "Values for the app's declared meta fields; invalid keys are reported in `user_meta_errors`, not refused.",
  ),
  webauthn_enabled: optional(zBool()).describe("Whether the requesting browser supports passkeys (recorded only)."),
});

export const OtpLoginResponse = z.object({
  otp: z.object({
    success: z.literal(true),
    sent_at: z.string().describe("ISO-8601"),
    id: z.string().describe("The challenge id (uuid)"),
  }),
  user_id: z.string().describe("The challenge token (`ch_…`) — named `user_id` for old SDKs. Pass it to /otps/verify."),
  user_meta_errors: z.record(z.string(), z.array(z.string())),
});

export const OtpVerifyBody = z.object({
  otp: z.string().describe("The code, digits only."),
  user_id: z.string().describe("The challenge token from /otps/login, or the app user id (its latest pending code)."),
});

/** The token payload of spec §2.1 (one schema for every sign-in route). */
export const OtpVerifyResponse = TokenPayloadSchema;
