/** Request shapes shared by the user-facing routes (magic links, OTP, users). */
import { z } from "zod";
import { optional, zBool, zJsonObject } from "@/lib/api/fields";

const MAX_META_KEYS = 50;
const MAX_META_BYTES = 8 * 1024;

/**
 * `user_meta`: an object, a JSON-encoded object, or form bracket keys
 * (`user_meta[plan]=pro`, parsed by the body reader) — spec §1.4, C27.
 * Arrays, strings and numbers are malformed (400); size caps keep a
 * registration from storing arbitrary blobs (threats §3.6).
 */
export const UserMetaInput = zJsonObject(
  z
    .record(z.string().max(64), z.unknown())
    .refine((m) => Object.keys(m).length <= MAX_META_KEYS, `must have at most ${MAX_META_KEYS} keys`)
    .refine((m) => JSON.stringify(m).length <= MAX_META_BYTES, `must be at most ${MAX_META_BYTES} bytes as JSON`),
).describe("Values for the app's declared meta fields: an object, a JSON string, or bracket form keys");

/** An identifier as sent (validated by the verbs with parseEmail / parseIdentifier). */
export const IdentifierInput = z.string().describe("Email address (or phone in E.164 where the route allows it)");

export const UsersParams = z.object({ app_id: z.string() });

export const UserLookupQuery = z
  .object({
    identifier: optional(z.string().max(1024)).describe("Email (case-insensitive) or phone (E.164)"),
    user_id: optional(z.string().max(100)).describe("App user id (uuid)"),
  })
  .describe("Exactly one of identifier and user_id (else 400 bad_request).");

const ScuteUser = z
  .object({
    id: z.string(),
    status: z.enum(["active", "pending", "inactive", "imported"]),
    email: z.string().nullable(),
    email_verified: z.boolean(),
    phone: z.string().nullable(),
    phone_verified: z.boolean(),
    webauthn_enabled: z.boolean(),
    required_fields: z.array(z.object({ field: z.string(), required: z.boolean() })),
  })
  .meta({ id: "ScuteUser", description: "The basic user (spec §2.4)." });

export const UserLookupResponse = z.object({ user: ScuteUser.nullable() });

export const CreateUserBody = z.object({
  identifier: IdentifierInput,
  user_meta: optional(UserMetaInput),
  send_confirmation: optional(zBool()).describe("With a secret: also email a confirmation link (default false)."),
});

export const CreateUserResponse = z.object({
  user: z.looseObject({ id: z.string(), status: z.string() }).describe("The full user (ScuteUserData, spec §2.4)"),
  user_meta_errors: z.record(z.string(), z.array(z.string())),
});

export const MetafieldStateQuery = z.object({ user_id: z.string().max(100) });
export const MetafieldStateResponse = z.object({
  meta: z.boolean().describe("true when the user still lacks a value for a required meta field"),
});
