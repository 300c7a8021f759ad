/** Request and response shapes of the challenge routes (spec §14.1–14.6), for validation and OpenAPI. */
import { z } from "zod";
import { optional, zInt, zJsonObject, zText } from "@/lib/api/fields";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";

const PURPOSES = ["authenticate", "mfa", "step_up", "verify_contact", "verify_identity", "change_identifier", "custom"] as const;
const METHODS = ["email_otp", "sms_otp", "magic_link", "totp", "backup_code", "webauthn", "oauth", "push", "plaid_idv"] as const;

export const ChallengeParams = z.object({ app_id: z.string() });
export const ChallengeTokenParams = z.object({ app_id: z.string(), token: z.string().max(256) });

export const ChallengeCreateBody = z.object({
  purpose: z.enum(PURPOSES),
  method: z.enum(METHODS),
  app_user_id: optional(z.string().max(64)).describe("The user to challenge (one of app_user_id / identifier)."),
  identifier: optional(zText(320)).describe("Email or E.164 phone to send to."),
  intent: optional(zText(128)),
  intent_fields: optional(zJsonObject(z.record(z.string(), z.unknown()))),
  metadata: optional(zJsonObject(z.record(z.string(), z.unknown()))),
  redirect_url: optional(zText(2048)),
  callback_url: optional(zText(2048)),
  expires_in: optional(zInt(30, 86_400)).describe("Seconds; default 600."),
  max_attempts: optional(zInt(1, 10)).describe("Default 3."),
  initiator_type: optional(zText(64)),
  initiator_id: optional(zText(256)),
  parent_challenge_id: optional(z.string().max(64)),
});
export type ChallengeCreateInput = z.output<typeof ChallengeCreateBody>;

export const ChallengeVerifyBody = z.object({
  code: optional(z.string().max(64)).describe("OTP, TOTP or backup code."),
  token: optional(z.string().max(4096)).describe("Magic-link flows (not supported yet)."),
  credential: optional(zJsonObject(z.record(z.string(), z.unknown()))).describe("WebAuthn assertion (not supported yet)."),
});

export const ChallengeDenyBody = z.object({ reason: optional(zText(512)) });

export const ChallengeShortSchema = z
  .object({
    token: z.string(),
    status: z.enum(["pending", "completed", "failed", "expired", "cancelled", "denied"]),
    purpose: z.enum(PURPOSES),
    method: z.enum(METHODS),
    expires_at: z.string(),
    remaining_attempts: z.number().int(),
    time_remaining: z.number().int(),
    intent: z.string().nullable(),
    delivery_required: z.boolean(),
  })
  .passthrough()
  .meta({ id: "Challenge" });

export const ChallengeResponse = z.object({ challenge: ChallengeShortSchema });

export const ChallengeVerifyResponse = z.union([
  TokenPayloadSchema.and(z.object({ challenge: ChallengeShortSchema })),
  z.object({
    status: z.literal("completed"),
    challenge: ChallengeShortSchema,
    intent: z.string().nullable(),
    intent_fields: z.record(z.string(), z.unknown()),
    remaining_backup_codes: z.number().int().optional(),
  }),
  z.object({ mfa_required: z.literal(true) }).passthrough(),
]);
