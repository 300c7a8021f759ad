/** Shapes of the M2M API (spec §18). */
import { z } from "zod";
import { optional, unwrap, zText } from "@/lib/api/fields";

export const M2mParams = z.object({ app_id: z.string() });
export const M2mSessionParams = M2mParams.extend({ id: z.string() });

export const CreateM2mBody = z.preprocess(
  unwrap("m2m"),
  z.object({
    client_name: optional(zText(128)).describe('Label of the calling service (default `"m2m"`)'),
    nickname: optional(zText(128)),
  }),
);

export const RefreshM2mBody = z.object({
  refresh: optional(z.string().max(8192)).describe("The M2M refresh token, when not sent in `X-Refresh-Token`"),
});

export const LegacyM2mBody = z.object({
  api_key: optional(z.string().max(512)).describe("An app API secret (`scapp_…`); also accepted as `Authorization: Bearer`"),
  client_name: optional(zText(128)),
});

const TokenFields = {
  access: z.string().describe("M2M access JWT (`tt: m2m`, `m2m: true`, no `uuid`)"),
  access_expires_at: z.string(),
  csrf: z.string(),
  refresh: z.string().nullable(),
  refresh_expires_at: z.string().nullable(),
};

export const M2mTokenPayload = z
  .object({
    ...TokenFields,
    key_id: z.string(),
    client_name: z.string(),
    short_token: z.string().describe("`scm2m_…`: an opaque handle usable wherever the M2M JWT is. Shown only here."),
  })
  .meta({ id: "M2mTokenPayload", description: "A new M2M session's tokens (spec §18.1)." });
export type M2mTokenPayloadObject = z.output<typeof M2mTokenPayload>;

export const LegacyM2mTokenPayload = M2mTokenPayload.extend({ access_token: z.string().describe("Same as `access`") });

export const M2mRefreshPayload = z.object({ ...TokenFields, key_id: z.string() });
export type M2mRefreshPayloadObject = z.output<typeof M2mRefreshPayload>;

export const M2mSessionSchema = z
  .object({
    id: z.string(),
    status: z.boolean().describe("Active: not revoked and not expired"),
    type: z.literal("m2m"),
    client_name: z.string(),
    display_name: z.string(),
    access_expiration: z.string(),
    refresh_expiration: z.string().nullable(),
    last_used_at: z.string().nullable(),
    last_used_at_ip: z.string().nullable(),
    user_agent: z.string().nullable(),
    browser: z.string().nullable(),
    platform: z.string().nullable(),
    user_agent_shortname: z.string().nullable(),
    nickname: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "M2mSession", description: "A machine-to-machine session (spec §18)." });
export type M2mSessionObject = z.output<typeof M2mSessionSchema>;

export const M2mSessionsResponse = z.object({ sessions: z.array(M2mSessionSchema) });
export const M2mVerifyResponse = z.object({
  message: z.literal("verified"),
  verified: z.literal(true),
  session_id: z.string(),
  client_name: z.string(),
});
export const OkMessage = z.object({ message: z.literal("ok") });
