/** Request and response shapes of the session and token routes (spec §2.1, §2.4, §2.5, §10, §11). */
import { z } from "zod";
import { zJsonObject } from "@/lib/api/fields";

export const SessionParams = z.object({ app_id: z.string(), id: z.string() });

export const UpdateMetaBody = z.object({
  user_meta: zJsonObject(z.record(z.string(), z.unknown())).meta({
    description: "Partial meta: keys must be declared meta fields, values of the field's type. May be a JSON string.",
  }),
});

export const TokenPayloadSchema = z
  .object({
    access: z.string(),
    refresh: z.string().optional(),
    csrf: z.string(),
    access_expires_at: z.string(),
    refresh_expires_at: z.string().optional(),
    user_id: z.string(),
    key_id: z.string(),
  })
  .meta({
    id: "TokenPayload",
    description: "Token payload (spec §2.1). `refresh` is present only when a new refresh token was minted.",
  });

export const UserSessionSchema = z
  .object({
    id: z.string(),
    display_name: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
    credential_id: z.string().nullable(),
    last_used_at: z.string(),
    last_used_at_ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    type: z.enum(["webauthn", "magic", "xlogin", "oauth", "misc"]),
    platform: z.string().nullable(),
    browser: z.string().nullable(),
    user_agent_shortname: z.string().nullable(),
    nickname: z.string().nullable(),
  })
  .meta({ id: "UserSession", description: "A user session (spec §2.5)." });

export const CurrentUserResponse = z
  .object({
    user: z
      .object({ id: z.string(), status: z.string(), meta: z.record(z.string(), z.unknown()), sessions: z.array(UserSessionSchema) })
      .passthrough()
      .meta({ id: "UserData", description: "The full user (spec §2.4, `ScuteUserData`)." }),
  })
  .meta({ id: "CurrentUserResponse" });

export const SessionListResponse = z.array(UserSessionSchema);
export const SignOutResponse = z.object({ message: z.literal("ok") });
export const RevokedResponse = z.object({ message: z.literal("ok"), verified: z.literal(true) });
export const VerifiedResponse = z.object({ message: z.literal("verified"), verified: z.literal(true) });
