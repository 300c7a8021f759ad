"use server";

import { redirect } from "next/navigation";
import type { PollOutcome } from "@/components/hosted/poll-sign-in";
import type { FieldFormState } from "@/components/hosted/action-form";
import { type AppRow, findLiveAppCached } from "@/lib/apps/find-app";
import { isAppError } from "@/lib/errors";
import { clearHostedFlow, readHostedFlow } from "@/lib/hosted/flow-cookie";
import { inspectMagicLink } from "@/lib/hosted/inspect-magic-link";
import { continueToMfa } from "@/lib/hosted/mfa-flow";
import { hostedErrorMessage } from "@/lib/hosted/hosted-error";
import { hostedRateLimit } from "@/lib/hosted/rate-limit";
import { startHostedFlow } from "@/lib/hosted/start-hosted-flow";
import { type HostedRequest, hostedLocale, hostedRequest } from "@/lib/hosted/request-ctx";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { authenticateMagicLink } from "@/lib/magic-links/authenticate-magic-link";
import { pollMagicLink } from "@/lib/magic-links/poll-magic-link";
import { completeHostedSignIn } from "@/lib/passkeys/hosted-account";
import { verifyOtp } from "@/lib/otp/verify-otp";

const TEN_MINUTES = 600;

/**
 * Where a signed-in browser goes: the MFA page when the sign-in needs a second
 * factor (its challenge kept in the flow cookie); else the app's callback with
 * a handoff token, or the "signed in" page — which first offers to add a
 * passkey after a link or code sign-in (skippable, remembered) and keeps the
 * page's session server-side meanwhile (lib/passkeys/hosted-account.ts).
 */
async function afterSignIn(req: HostedRequest, app: AppRow, result: unknown): Promise<string | null> {
  return (await continueToMfa(app, result)) ?? completeHostedSignIn(req, app, result);
}

/** The sign-in form: an emailed link (email + `magic`) or a one-time code (phone, or email + `otp`). */
export async function startSignIn(appId: string, _state: FieldFormState, formData: FormData): Promise<FieldFormState> {
  const app = await findLiveAppCached(appId);
  const { t } = await hostedLocale(app);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const phoneAllowed = app.allowedIdentifiers.includes("phone");
  const raw = String(formData.get("identifier") ?? "").trim().slice(0, 320);
  const identifier = parseIdentifier(raw);
  const invalid = t(phoneAllowed ? "hosted.error.invalid_identifier_any" : "hosted.error.invalid_identifier");
  if (!identifier || !app.allowedIdentifiers.includes(identifier.kind)) return { error: invalid };

  let next: string;
  try {
    next = await startHostedFlow(await hostedRequest(), app, { raw, identifier });
  } catch (error) {
    if (isAppError(error) && ["invalid_identifier", "invalid_email", "invalid_phone", "empty_phone"].includes(error.code)) {
      return { error: invalid };
    }
    return { error: hostedErrorMessage(t, app, error) };
  }
  redirect(next);
}

/** The "check your email" page's poll: has the link been used, on any device? */
export async function pollSignIn(appId: string): Promise<PollOutcome> {
  const app = await findLiveAppCached(appId);
  const flow = await readHostedFlow();
  if (!app || flow?.kind !== "magic") return { status: "gone" };
  const req = await hostedRequest();
  try {
    const result = await pollMagicLink({ ctx: req.ctx, input: { app, id: flow.id, request: req.request } });
    if (result.status === "pending") return { status: "pending" };
    await clearHostedFlow(app);
    const url = await afterSignIn(req, app, result.payload);
    return url ? { status: "done", url } : { status: "gone" };
  } catch (error) {
    if (isAppError(error)) return { status: "gone" };
    throw error;
  }
}

/** The code entry form. */
export async function verifyCode(appId: string, _state: FieldFormState, formData: FormData): Promise<FieldFormState> {
  const app = await findLiveAppCached(appId);
  const { t } = await hostedLocale(app);
  if (!app) return { error: t("hosted.app_not_found.body") };
  const flow = await readHostedFlow();
  if (flow?.kind !== "otp") return { error: t("hosted.code.missing") };
  const code = String(formData.get("code") ?? "").replace(/\s+/g, "").slice(0, 32);
  const req = await hostedRequest();
  let next: string | null;
  try {
    await hostedRateLimit(req.ctx, "hosted_verify_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 60, TEN_MINUTES);
    const result = await verifyOtp({ ctx: req.ctx, input: { appId: app.id, otp: code, userId: flow.token, request: req.request } });
    await clearHostedFlow(app);
    next = await afterSignIn(req, app, result);
  } catch (error) {
    if (isAppError(error)) {
      const remaining = error.extra?.remaining_attempts;
      if (error.code === "invalid_code" && typeof remaining === "number") return { error: t("hosted.code.wrong", { count: remaining }) };
      if (error.code === "challenge_failed") return { error: t("hosted.code.failed") };
      if (error.code === "challenge_expired") return { error: t("hosted.code.expired") };
      if (error.code === "invalid_code") return { error: t("hosted.code.missing") };
    }
    return { error: hostedErrorMessage(t, app, error) };
  }
  if (!next) return { error: t("hosted.error.generic") };
  redirect(next);
}

/** The magic-link landing's button: the only place the emailed link is consumed. */
export async function continueMagicLink(appId: string, formData: FormData): Promise<void> {
  const app = await findLiveAppCached(appId);
  if (!app) redirect(`/magic/${encodeURIComponent(appId)}?status=invalid`);
  const token = String(formData.get("sct_magic") ?? "");
  const req = await hostedRequest();
  const landing = `/magic/${encodeURIComponent(app.publicId)}`;
  const state = await inspectMagicLink(app, token, req.ctx.now);
  if (state !== "usable") redirect(`${landing}?status=${state}`);
  let next: string | null;
  try {
    const result = await authenticateMagicLink({ ctx: req.ctx, input: { app, token, request: req.request } });
    next = await afterSignIn(req, app, result);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const after = await inspectMagicLink(app, token, req.ctx.now);
    next = `${landing}?status=${after === "usable" ? "invalid" : after}`;
  }
  redirect(next ?? `${landing}?status=invalid`);
}
