import { getDb } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseEmail } from "@/lib/identifiers/parse-identifier";
import type { MagicLinkLanding } from "@/lib/magic-links/build-magic-link-url";
import { issueMagicLink } from "@/lib/magic-links/issue-magic-link";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { assertCanAuthenticate } from "@/lib/sessions/start-session";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { findUserByIdentifier } from "@/lib/users/find-user";
import { mergeUserMeta } from "@/lib/users/merge-user-meta";

export interface SendMagicLinkInput {
  app: AppRow;
  kind: "login" | "register";
  /** Raw identifier: must be an email (phones go to OTP). */
  identifier: string;
  webauthnEnabled?: boolean;
  /** Register only: values for declared meta fields. */
  userMeta?: Record<string, unknown>;
  /** `hosted`: the link opens Tessera's landing page instead of the app's login_url. */
  landing?: MagicLinkLanding;
  language?: string;
  acceptLanguage?: string | null;
  fingerprint?: string | null;
}

export interface SendMagicLinkResult {
  magicLinkId: string;
  userMetaErrors: Record<string, string[]>;
}

/**
 * Send a login or register magic link (spec §7.1, §7.2): find the user by
 * email or create it (`pending`, unverified) unless public sign-up is off;
 * refuse inactive users; on register, store valid meta on the user at once
 * (and on the link, applied again when it is used) and report invalid keys
 * without failing. A register call for an already verified user sends a
 * login link and leaves its meta alone. One transaction: user, link, email.
 */
export async function sendMagicLink({ ctx, input }: { ctx: Ctx; input: SendMagicLinkInput }): Promise<SendMagicLinkResult> {
  const { app } = input;
  const email = parseEmail(input.identifier);
  if (!email) throw new AppError({ code: "invalid_identifier", message: "Identifier invalid: magic links need an email address" });
  const identifier = { kind: "email" as const, ...email };
  const db = await getDb();
  return db.transaction(async (tx) => {
    let kind = input.kind;
    let metaErrors: Record<string, string[]> = {};
    let validMeta: Record<string, unknown> = {};
    if (kind === "register" && input.userMeta && Object.keys(input.userMeta).length) {
      ({ valid: validMeta, errors: metaErrors } = validateUserMeta(await listMetaFields(app.id, tx), input.userMeta));
    }

    let user = await findUserByIdentifier(app.id, identifier, tx);
    if (!user) {
      if (!app.publicSignup) throw new AppError("public_signup_disabled");
      ({ user } = await findOrCreateUser(tx, ctx, { app, identifier, meta: kind === "register" ? validMeta : undefined }));
    } else if (kind === "register") {
      assertCanAuthenticate(user);
      // A verified or already active account (e.g. passkey-only) is never re-registered
      // (nor its meta overwritten) by an unauthenticated call.
      if (user.emailVerified || user.status === "active") kind = "login";
      else user = await mergeUserMeta(tx, ctx, { user, meta: validMeta });
    }
    assertCanAuthenticate(user);

    const link = await issueMagicLink(tx, ctx, {
      app,
      user,
      kind,
      webauthnEnabled: input.webauthnEnabled ?? false,
      userMeta: kind === "register" ? validMeta : null,
      landing: input.landing,
      language: input.language,
      acceptLanguage: input.acceptLanguage,
      fingerprint: input.fingerprint,
    });
    return { magicLinkId: link.id, userMetaErrors: metaErrors };
  });
}
