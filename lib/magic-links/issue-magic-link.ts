/**
 * Create one magic link for a user and queue its email, inside the caller's
 * transaction: the row (its random v4 id is the token's `jti` and the
 * cross-device polling handle), the signed token (spec §2.2 claims), the
 * email through lib/email and the `magic_link.sent` event.
 */
import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { sendInviteEmail } from "@/lib/email/send-invite-email";
import { sendLoginLinkEmail } from "@/lib/email/send-login-link-email";
import { sendRegisterLinkEmail } from "@/lib/email/send-register-link-email";
import { recordEvent } from "@/lib/events/record-event";
import { buildMagicLinkUrl, type MagicLinkLanding } from "@/lib/magic-links/build-magic-link-url";
import type { OutboxRow } from "@/lib/messages/queue-message";
import { signAppJwt } from "@/lib/tokens/sign-app-jwt";
import type { AppUserRow } from "@/lib/users/serialize";

/** The emailed kinds (oauth and workspace_invite tokens are issued by their own flows). */
export type EmailedLinkKind = "login" | "register" | "invite";

export interface IssueMagicLinkInput {
  app: AppRow;
  user: AppUserRow;
  kind: EmailedLinkKind;
  /** Whether the requesting browser supports passkeys (token `webauthnEnabled`; `sct_sk` when false). */
  webauthnEnabled: boolean;
  /** Validated meta to apply when the link is used (register, invite). */
  userMeta?: Record<string, unknown> | null;
  landing?: MagicLinkLanding;
  /** Lifetime; defaults to the app's `magic_link_expiration`. */
  expiresInSeconds?: number;
  language?: string;
  acceptLanguage?: string | null;
  fingerprint?: string | null;
}

const SENDERS: Record<EmailedLinkKind, (tx: Executor, ctx: Ctx, input: LinkEmailInput) => Promise<OutboxRow>> = {
  login: sendLoginLinkEmail,
  register: sendRegisterLinkEmail,
  invite: sendInviteEmail,
};

const FINGERPRINT = /^[A-Za-z0-9._:-]{1,128}$/;

export async function issueMagicLink(tx: Executor, ctx: Ctx, input: IssueMagicLinkInput): Promise<{ id: string; expiresAt: Date }> {
  const { app, user, kind } = input;
  if (user.appId !== app.id) throw new Error("issueMagicLink: user does not belong to app");
  if (!user.email) throw new Error("issueMagicLink: user has no email");
  const id = randomUUID();
  const ttlSeconds = input.expiresInSeconds ?? app.magicLinkExpiration;
  const signed = await signAppJwt(
    app,
    {
      type: "magic_link",
      ttlSeconds,
      jti: id,
      claims: {
        uuid: user.id,
        user_status: user.status,
        webauthnEnabled: input.webauthnEnabled,
        email: user.email,
        kind,
      },
    },
    { db: tx, now: ctx.now },
  );
  const fingerprint = input.fingerprint && FINGERPRINT.test(input.fingerprint) ? input.fingerprint : null;
  await tx.insert(magicLinks).values({
    id,
    appId: app.id,
    appUserId: user.id,
    kind,
    webauthnEnabled: input.webauthnEnabled,
    userMeta: input.userMeta && Object.keys(input.userMeta).length ? input.userMeta : null,
    expiresAt: signed.expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 1024) : null,
    fingerprint,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  const url = buildMagicLinkUrl(app, signed.token, { webauthnEnabled: input.webauthnEnabled, landing: input.landing });
  await SENDERS[kind](tx, ctx, {
    app,
    to: user.email,
    url,
    expiresInSeconds: ttlSeconds,
    language: input.language,
    acceptLanguage: input.acceptLanguage,
  });
  // The link id is the polling handle, a bearer secret: never in events (threats T4, T8).
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: user.id,
    slug: "magic_link.sent",
    params: { user_id: user.id, kind, expires_at: signed.expiresAt.toISOString() },
  });
  return { id, expiresAt: signed.expiresAt };
}
