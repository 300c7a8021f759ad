/**
 * Verification shapes (spec §15): request bodies, path and query slots, and
 * the Verification object of §15.1 (which never carries a code or token).
 */
import { z } from "zod";
import { optional, PAGINATION, zInt, zJsonObject, zText } from "@/lib/api/fields";

export const VERIFICATION_STATUSES = ["pending", "verified", "failed", "cancelled", "expired", "denied"] as const;
export const VERIFICATION_CHANNELS = ["sms", "email", "metafield", "user_identifier"] as const;
export const VERIFICATION_TYPES = ["magic_link", "otp"] as const;

const zMeta = zJsonObject(z.record(z.string(), z.unknown()));

export const VerifyParams = z.object({ app_id: z.string() });
export const VerificationParams = VerifyParams.extend({ id: z.string() });
export const LinkParams = VerifyParams.extend({ link_token: z.string() });

/** POST /verifications (§15.2): by identifier, to a user, identifier change, metafield. */
export const CreateVerificationBody = z.object({
  identifier: optional(zText(320)).describe("Email or E.164 phone (by-identifier flow; the user is created if unknown)"),
  to_user_id: optional(z.string().max(64)).describe("Recipient app user id (operator, identifier-change and metafield flows)"),
  channel: optional(z.enum(VERIFICATION_CHANNELS)).describe("`sms` | `email` (default by identifier type), `user_identifier`, `metafield`"),
  reason: optional(zText(500)),
  verification_type: optional(z.enum(VERIFICATION_TYPES)).describe("`magic_link` | `otp` (default `otp`)"),
  new_identifier: optional(zText(320)).describe("Identifier change: the new email or phone"),
  identifier_type: optional(z.enum(["email", "phone"])).describe("Identifier change: which identifier changes"),
  field_name: optional(zText(100)).describe("Metafield: an email/phone meta field marked `as_verification_identifier`"),
  redirect_url: optional(z.string().max(2048)).describe("Where the recipient lands afterwards (must be on the app's origins)"),
  meta_data: optional(zMeta).describe("Free-form context, echoed in responses, webhooks and `scute_token`"),
});
export type CreateVerificationInput = z.output<typeof CreateVerificationBody>;

/**
 * POST /verifications/intent (§15.3). Deliberately loose: the contract's own
 * 400 codes (meta_data_required, intent_name_required…) are raised by the verb.
 */
export const IntentBody = z.object({
  intent_name: z.unknown().optional().describe("e.g. \"Approve Ticket\" (required)"),
  method: z.unknown().optional().describe("`email` (default) | `sms`; may also be a query parameter"),
  verification_type: optional(z.enum(VERIFICATION_TYPES)).describe("Default `magic_link` for email, `otp` for sms"),
  redirect_url: optional(z.string().max(2048)).describe("Overrides the app's redirect template (must be on the app's origins)"),
  meta_data: zJsonObject(z.unknown()).optional().describe("Required (an object, or JSON text of one): contact_email or contact_phones, contact_name, ticket_id, contact_id…"),
});
export type IntentInput = z.output<typeof IntentBody>;

export const ListQuery = z.object({
  ...PAGINATION,
  status: optional(z.enum(VERIFICATION_STATUSES)),
  channel: optional(z.enum(VERIFICATION_CHANNELS)),
});
export type ListQueryInput = z.output<typeof ListQuery>;

export const DenyBody = z.object({ reason: optional(zText(500)) });
export const VerifyCodeBody = z.object({
  code: optional(z.string().max(64)).describe("The OTP code"),
  token: optional(z.string().max(256)).describe("The link token (magic-link verifications)"),
});

export const AutocompleteQuery = z.object({
  query: z.string().trim().min(2).max(320),
  limit: optional(zInt(1, 50)),
});

export const ExchangeBody = z.object({ token: z.string().min(1).max(8192).describe("The `scute_token` from the redirect") });

/** Form fields of the hosted page's POST (§15.12). */
export const LinkFormBody = z.object({
  decision: optional(z.string().max(20)).describe("`confirm` (dismiss mode), `approve` or `deny` (consent mode)"),
  code: optional(z.string().max(64)).describe("The OTP code (OTP verifications)"),
});

export const Risk = z.object({
  score: z.number().int(),
  level: z.enum(["low", "medium", "high"]),
  signals: z.array(z.string()),
  recommendation: z.enum(["allow", "review", "deny"]),
});

export const Verification = z.object({
  id: z.string(),
  app_id: z.string(),
  app_user_id: z.string().nullable(),
  to_app_user_id: z.string().nullable(),
  status: z.enum(VERIFICATION_STATUSES),
  channel: z.enum(VERIFICATION_CHANNELS),
  verification_type: z.enum(VERIFICATION_TYPES),
  reason: z.string().nullable(),
  intent: z.string().nullable(),
  timeout: z.number().int(),
  identifier: z.string(),
  recipient: z.object({ id: z.string().nullable(), name: z.string().nullable(), email: z.string().nullable(), phone: z.string().nullable() }),
  meta_data: z.record(z.string(), z.unknown()),
  metadata: z.record(z.string(), z.unknown()),
  redirect_url: z.string().nullable(),
  consent_decision: z.enum(["approved", "denied"]).nullable(),
  was_opened: z.boolean(),
  risk: Risk.nullable(),
  attempts: z.array(z.record(z.string(), z.unknown())),
  sent_at: z.string().nullable(),
  verified_at: z.string().nullable(),
  expires_at: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const VerificationResponse = z.object({ verification: Verification });
export const ShowResponse = VerificationResponse.extend({ status: z.enum(VERIFICATION_STATUSES) });
export const ResendResponse = VerificationResponse.extend({ verification_id: z.string() });
export const IntentResponse = z.object({ verification_id: z.string(), status: z.literal(200), message: z.string() });
export const ListResponse = z.object({
  verifications: z.array(Verification),
  total_pages: z.number().int(),
  current_page: z.number().int(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullable(),
  per_page: z.number().int(),
  total_count: z.number().int(),
});
export const AutocompleteResponse = z.object({
  results: z.array(z.record(z.string(), z.unknown())),
  query: z.string(),
  count: z.number().int(),
});
export const ExchangeResponse = VerificationResponse.extend({ claims: z.record(z.string(), z.unknown()) });
