import type { Metadata } from "next";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { ActionForm } from "@/components/hosted/action-form";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { effectiveStatus } from "@/lib/challenges/serialize";
import type { ChallengeMethod } from "@/lib/challenges/types";
import { loginPath, readHostedFlow } from "@/lib/hosted/flow-cookie";
import { offeredMethods } from "@/lib/mfa/start-mfa-challenge";
import { mfaFactsOf } from "@/lib/mfa/state";
import { findUserById } from "@/lib/users/find-user";
import { switchMfaMethod, verifyMfaCode } from "./actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Two-step verification" };

const PROMPT: Partial<Record<ChallengeMethod, string>> = {
  totp: "Enter the 6-digit code from your authenticator app.",
  email_otp: "We sent a code to your email. Enter it below.",
  sms_otp: "We sent a code to your phone by SMS. Enter it below.",
  backup_code: "Enter one of your backup codes (xxxx-xxxx). Each works once.",
};
const SWITCH_LABEL: Partial<Record<ChallengeMethod, string>> = {
  totp: "Use my authenticator app",
  email_otp: "Email me a code",
  sms_otp: "Text me a code",
  backup_code: "Use a backup code",
};

export default async function MfaPage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const flow = await readHostedFlow();
  const challenge = flow?.kind === "mfa" ? await findChallengeByToken(app.id, flow.token) : null;
  const now = new Date();
  const user = challenge?.appUserId ? await findUserById(app.id, challenge.appUserId) : null;
  const startOver = (
    <a href={loginPath(app)} className="mt-6 inline-block text-sm text-slate-700 underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-slate-900">
      {t("hosted.start_over")}
    </a>
  );
  if (!challenge || !user || challenge.purpose !== "mfa" || effectiveStatus(challenge, now) !== "pending") {
    return (
      <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
        <HostedMessage title="Two-step verification" body="This sign-in is no longer waiting for a code. Please start over." />
        {startOver}
      </HostedShell>
    );
  }
  const methods = offeredMethods(app, user, await mfaFactsOf(app, user.id)).filter((m) => m !== challenge.method);
  const remaining = Math.max(0, challenge.maxAttempts - challenge.attempts);
  const isBackup = challenge.method === "backup_code";
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title="Two-step verification" body={PROMPT[challenge.method] ?? "Enter your code."} />
      <p className="mt-2 text-sm text-slate-600" data-testid="mfa-remaining">
        {remaining} {remaining === 1 ? "attempt" : "attempts"} left.
      </p>
      <ActionForm
        action={verifyMfaCode.bind(null, app.publicId)}
        field={{
          name: "code",
          label: isBackup ? "Backup code" : "Code",
          type: "text",
          autoComplete: "one-time-code",
          inputMode: isBackup ? "text" : "numeric",
          maxLength: isBackup ? 16 : 12,
        }}
        color={branding.color}
        submitLabel="Verify"
        pendingLabel="Verifying…"
      />
      {methods.length > 0 ? (
        <form action={switchMfaMethod.bind(null, app.publicId)} className="mt-6 flex flex-col gap-2">
          <p className="text-sm font-medium text-slate-800">Other ways to verify</p>
          {methods.map((m) => (
            <button
              key={m}
              type="submit"
              name="method"
              value={m}
              className="rounded-lg border border-slate-300 px-3 py-2 text-left text-sm text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-slate-900"
            >
              {SWITCH_LABEL[m] ?? m}
            </button>
          ))}
        </form>
      ) : null}
      {startOver}
    </HostedShell>
  );
}
