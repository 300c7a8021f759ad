import type { Metadata } from "next";
import Link from "next/link";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { startSignUp } from "@/app/(hosted)/signup-actions";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { SignUpForm } from "@/components/hosted/sign-up-form";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { registrationFields } from "@/lib/hosted/sign-up";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Create an account" };

/**
 * Hosted sign-up: the identifier and the app's registration fields (meta
 * fields with `visible_registration`), then a link or code — or, when the
 * app has passkeys on, a passkey instead.
 */
export default async function SignUpPage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const shell = { branding, logoAlt: t("hosted.logo_alt", { app: app.name }), lang: locale };
  const signIn = (
    <p className="mt-6 text-center text-sm">
      <Link href={loginPath(app)} className="font-medium text-slate-700 underline underline-offset-2">
        {t("hosted.signup.have_account")}
      </Link>
    </p>
  );
  if (!app.publicSignup) {
    return (
      <HostedShell {...shell}>
        <HostedMessage title={t("hosted.signup.title", { app: app.name })} body={t("hosted.signup.closed", { app: app.name })} />
        {signIn}
      </HostedShell>
    );
  }
  const phone = app.allowedIdentifiers.includes("phone");
  return (
    <HostedShell {...shell}>
      <HostedMessage title={t("hosted.signup.title", { app: app.name })} body={t("hosted.signup.intro")} />
      <SignUpForm
        action={startSignUp.bind(null, app.publicId)}
        identifier={{
          label: t(phone ? "hosted.identifier.label_any" : "hosted.identifier.label_email"),
          type: phone ? "text" : "email",
          autoComplete: phone ? "username" : "email",
        }}
        fields={await registrationFields(app)}
        optionalLabel={t("hosted.signup.optional")}
        color={branding.color}
        submitLabel={t("hosted.signup.submit")}
        pendingLabel={t("hosted.sending")}
        passkey={
          app.passkeysEnabled
            ? {
                appId: app.publicId,
                labels: {
                  divider: t("hosted.passkeys.divider"),
                  button: t("hosted.passkeys.signup.button"),
                  creating: t("hosted.passkeys.signup.creating"),
                  hint: t("hosted.passkeys.signup.hint"),
                  cancelled: t("hosted.passkeys.signup.cancelled"),
                  failed: t("hosted.passkeys.signup.failed"),
                  unsupported: t("hosted.passkeys.signup.unsupported"),
                },
              }
            : undefined
        }
      />
      {signIn}
    </HostedShell>
  );
}
