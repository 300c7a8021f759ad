"use server";

import { redirect } from "next/navigation";
import type { FieldFormState } from "@/components/hosted/action-form";
import { findLiveAppCached } from "@/lib/apps/find-app";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { openChallenge } from "@/lib/challenges/open-challenge";
import type { ChallengeMethod } from "@/lib/challenges/types";
import { verifyChallenge } from "@/lib/challenges/verify-challenge";
import { isAppError } from "@/lib/errors";
import { hostedErrorMessage } from "@/lib/hosted/hosted-error";
import { clearHostedFlow, loginPath, readHostedFlow, setHostedFlow } from "@/lib/hosted/flow-cookie";
import { hostedRateLimit } from "@/lib/hosted/rate-limit";
import { hostedLocale, hostedRequest } from "@/lib/hosted/request-ctx";
import { enrollMfa } from "@/lib/mfa/enroll-mfa";
import { regenerateBackupCodes } from "@/lib/mfa/regenerate-backup-codes";
import { verifyEnrollment } from "@/lib/mfa/verify-enrollment";
import { completeHostedSignIn, readHostedAccount } from "@/lib/passkeys/hosted-account";

const SWITCHABLE: readonly ChallengeMethod[] = ["totp", "email_otp", "sms_otp", "backup_code"];

/** The MFA page's code form: the second factor of the sign-in held in the flow cookie. */
export async function verifyMfaCode(appId: string, _state: FieldFormState, formData: FormData): Promise<FieldFormState> {
  const app = await findLiveAppCached(appId);
  const { t } = await hostedLocale(app);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const flow = await readHostedFlow();
  if (flow?.kind !== "mfa") return { error: "This sign-in has expired. Please start over." };
  const code = String(formData.get("code") ?? "").trim().slice(0, 32);
  const req = await hostedRequest();
  let next: string | null;
  try {
    await hostedRateLimit(req.ctx, "hosted_mfa_verify_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 60, 600);
    const result = await verifyChallenge({ ctx: req.ctx, input: { appId: app.id, token: flow.token, code, request: req.request } });
    await clearHostedFlow(app);
    next = await completeHostedSignIn(req, app, result);
  } catch (error) {
    if (isAppError(error)) {
      const remaining = error.extra?.remaining_attempts;
      if (error.code === "invalid_code" && typeof remaining === "number") {
        return { error: `That code is not right. ${remaining} ${remaining === 1 ? "attempt" : "attempts"} left.` };
      }
      if (error.code === "invalid_code") return { error: "That code is not right." };
      if (error.code === "challenge_failed") return { error: "Too many wrong codes. Please start over." };
      if (error.code === "challenge_expired") return { error: "This code has expired. Please start over." };
    }
    return { error: hostedErrorMessage(t, app, error) };
  }
  if (!next) return { error: t("hosted.error.generic") };
  redirect(next);
}

/** "Use another method": a new `mfa` challenge of the chosen method for the same sign-in (the SDK's switch). */
export async function switchMfaMethod(appId: string, formData: FormData): Promise<void> {
  const app = await findLiveAppCached(appId);
  if (!app) redirect("/");
  const page = `${loginPath(app)}/mfa`;
  const method = SWITCHABLE.find((m) => m === formData.get("method"));
  const flow = await readHostedFlow();
  if (!method || flow?.kind !== "mfa") redirect(page);
  const req = await hostedRequest();
  const current = await findChallengeByToken(app.id, flow.token);
  if (!current?.appUserId) redirect(page);
  try {
    const { challenge } = await openChallenge({
      ctx: req.ctx,
      input: { appId: app.id, body: { purpose: "mfa", method, app_user_id: current.appUserId } },
    });
    const token = typeof challenge.token === "string" ? challenge.token : null;
    const remaining = typeof challenge.time_remaining === "number" ? challenge.time_remaining : 600;
    if (token) await setHostedFlow(app, { kind: "mfa", token }, Math.max(60, remaining));
  } catch (error) {
    if (!isAppError(error)) throw error;
  }
  redirect(page);
}

export interface SetupState {
  error: string | null;
  backupCodes: string[] | null;
}

/** Start a TOTP enrollment for the signed-in hosted user (the page then shows its QR code). */
export async function startTotpSetup(appId: string): Promise<void> {
  const app = await findLiveAppCached(appId);
  if (!app) redirect("/");
  const req = await hostedRequest();
  const principal = await readHostedAccount(app, req.ctx.now);
  if (principal) await enrollMfa({ ctx: req.ctx, input: { principal, method: "totp", name: "Authenticator app" } });
  redirect(`${loginPath(app)}/mfa/setup`);
}

/** Confirm the enrollment with a code; on success answer the new backup codes (shown once). */
export async function confirmTotpSetup(appId: string, _state: SetupState, formData: FormData): Promise<SetupState> {
  const app = await findLiveAppCached(appId);
  if (!app) return { error: "App not found.", backupCodes: null };
  const req = await hostedRequest();
  const principal = await readHostedAccount(app, req.ctx.now);
  if (!principal) return { error: "Please sign in again.", backupCodes: null };
  const enrollmentId = String(formData.get("enrollment_id") ?? "");
  const code = String(formData.get("code") ?? "").trim().slice(0, 16);
  try {
    await hostedRateLimit(req.ctx, "hosted_mfa_setup_user", principal.user.id, 20, 600);
    await verifyEnrollment({ ctx: req.ctx, input: { principal, enrollmentId, code } });
    const { backup_codes } = await regenerateBackupCodes({ ctx: req.ctx, input: { principal } });
    return { error: null, backupCodes: backup_codes };
  } catch (error) {
    if (isAppError(error) && error.code === "invalid_code") return { error: "That code is not right. Try the current one.", backupCodes: null };
    if (isAppError(error) && error.code === "reverification_required") {
      return { error: "Please sign in again before changing your second factor.", backupCodes: null };
    }
    throw error;
  }
}
