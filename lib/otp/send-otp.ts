import { getDb } from "@/db/client";
import { findLiveApp } from "@/lib/apps/find-app";
import { cancelPendingChallenges } from "@/lib/challenges/complete-challenge";
import { createChallenge } from "@/lib/challenges/create-challenge";
import type { ChallengeMethod } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { sendCodeEmail } from "@/lib/email/send-code-email";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { type Identifier, parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { isTestIdentity, TEST_IDENTITY_CODE } from "@/lib/otp/test-identities";
import { assertCanAuthenticate } from "@/lib/sessions/start-session";
import { sendCodeSms } from "@/lib/sms/send-code-sms";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { findUserByIdentifier } from "@/lib/users/find-user";

/** The methods an OTP sign-in uses, and the purpose its challenges carry. */
export const OTP_METHODS: readonly ChallengeMethod[] = ["sms_otp", "email_otp"];
export const OTP_PURPOSE = "authenticate" as const;
export const OTP_MAX_ATTEMPTS = 3;

export interface SendOtpInput {
  /** `{app_id}` from the path: public id or internal uuid. */
  appId: string;
  identifier: string;
  userMeta?: Record<string, unknown>;
  webauthnEnabled?: boolean;
}

export type SendOtpResult = {
  otp: { success: true; sent_at: string; id: string };
  /** The challenge token (spec §8.1 keeps the old name). */
  user_id: string;
  user_meta_errors: Record<string, string[]>;
};

/** The identifier of an OTP sign-in, or 400 invalid_identifier (emails only for `email_auth_type` otp). */
export function parseOtpIdentifier(raw: string, emailAuthType: "magic" | "otp"): Identifier {
  const identifier = parseIdentifier(raw);
  if (!identifier || (identifier.kind === "email" && emailAuthType !== "otp")) throw new AppError("invalid_identifier");
  return identifier;
}

/**
 * POST /otps/login (spec §8.1): find or create the user (respecting
 * `public_signup`), replace any pending sign-in code of theirs with a new
 * challenge, and queue the code by SMS or email — all in one transaction, so
 * no code is sent for a challenge that does not exist. Test identities get
 * the fixed code and no message.
 */
export async function sendOtp({ ctx, input }: { ctx: Ctx; input: SendOtpInput }): Promise<SendOtpResult> {
  const app = await findLiveApp(input.appId);
  if (!app) throw new AppError("app_not_found");
  const identifier = parseOtpIdentifier(input.identifier, app.emailAuthType);
  const meta = validateUserMeta(await listMetaFields(app.id), input.userMeta);
  const testIdentity = isTestIdentity(app, identifier);
  const method: ChallengeMethod = identifier.kind === "phone" ? "sms_otp" : "email_otp";

  const db = await getDb();
  return db.transaction(async (tx) => {
    const existing = await findUserByIdentifier(app.id, identifier, tx);
    if (!existing && !app.publicSignup) throw new AppError("public_signup_disabled");
    const user = existing ?? (await findOrCreateUser(tx, ctx, { app, identifier, meta: meta.valid })).user;
    assertCanAuthenticate(user);

    await cancelPendingChallenges(tx, ctx, { appId: app.id, appUserId: user.id, purpose: OTP_PURPOSE, methods: OTP_METHODS });
    const { challenge, token, code } = await createChallenge(tx, ctx, {
      appId: app.id,
      appUserId: user.id,
      purpose: OTP_PURPOSE,
      method,
      identifier: identifier.value,
      ...(testIdentity ? { fixedCode: TEST_IDENTITY_CODE } : { codeLength: app.otpLength }),
      expiresInSeconds: app.otpExpiration,
      maxAttempts: OTP_MAX_ATTEMPTS,
      // Applied to the user only once the code proves control of the identifier (threats T7).
      userMeta: meta.valid,
      metadata: { webauthn_enabled: input.webauthnEnabled ?? false },
    });
    if (code === null) throw new Error("OTP challenge created without a code");

    if (!testIdentity) {
      const delivery = { app, to: identifier.value, code, expiresInSeconds: app.otpExpiration };
      if (method === "sms_otp") await sendCodeSms(tx, ctx, delivery);
      else await sendCodeEmail(tx, ctx, delivery);
    }
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "otp.sent",
      params: {
        challenge_id: challenge.id,
        method,
        test_identity: testIdentity,
        webauthn_enabled: input.webauthnEnabled ?? false,
      },
    });
    return {
      otp: { success: true, sent_at: ctx.now.toISOString(), id: challenge.id },
      user_id: token,
      user_meta_errors: meta.errors,
    };
  });
}
