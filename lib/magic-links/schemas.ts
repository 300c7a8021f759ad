/** Request and response shapes of the magic-link routes (spec §7), for validation and OpenAPI. */
import { z } from "zod";
import { optional, zBool } from "@/lib/api/fields";
import { TokenPayloadSchema } from "@/lib/sessions/schemas";
import { UserMetaInput } from "@/lib/users/schemas";

export const MagicLinkParams = z.object({ app_id: z.string() });

const identifier = z
  .string()
  // Any string: classification and length checks live in parseEmail, so a bad identifier is always 400 invalid_identifier.
  .describe("Email address (phones use /otps/login).");
const webauthnEnabled = optional(zBool()).describe(
  "Whether the requesting browser supports passkeys; echoed as the token's `webauthnEnabled`. When false (or absent) the link carries `sct_sk=true`.",
);

export const MagicLinkLoginBody = z.object({ identifier, webauthn_enabled: webauthnEnabled });

export const MagicLinkRegisterBody = z.object({
  identifier,
  user_meta: optional(UserMetaInput),
  webauthn_enabled: webauthnEnabled,
});

export const MagicLinkSentResponse = z.object({
  magic_link: z.object({ id: z.string().describe("The link id (uuid): the handle for POST /magic_links/status") }),
  user_meta_errors: z.record(z.string(), z.array(z.string())).describe("Invalid or undeclared `user_meta` keys (not stored)."),
});

export const MagicLinkStatusBody = z.object({ id: z.string().max(100).describe("The magic link id from /magic_links/login or /register") });

export const MagicLinkStatusResponse = z.union([
  TokenPayloadSchema.extend({ message: z.literal("ok") }).describe("200: the link was used; a new `xlogin` session for this device"),
  z.object({ message: z.literal("pending"), status: z.literal("pending") }).describe("202: not used yet; keep polling"),
]);

export const MagicTokenBody = z.object({
  token: z.string().min(1).describe("The `sct_magic` (or `sct_oauth`) value from the link"),
});

export const ConfirmInviteBody = z.object({
  token: z.string().min(1).describe("The `sct_magic` value of the invitation link"),
  user_meta: optional(UserMetaInput),
});

export { TokenPayloadSchema };
