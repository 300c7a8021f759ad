import type { Metadata } from "next";
import Link from "next/link";
import { startSignIn } from "@/app/(hosted)/actions";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { ActionForm } from "@/components/hosted/action-form";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { OAuthButtons } from "@/components/hosted/oauth-buttons";
import { PasskeySignIn } from "@/components/hosted/passkey-sign-in";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { registrationFields } from "@/lib/hosted/sign-up";
import { CATALOGS, type MessageKey } from "@/lib/i18n/catalogs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Sign in" };

/** The message for an OAuth sign-in that came back with `sct_error` (only codes we issue; anything else is ignored). */
function oauthErrorKey(value: string | string[] | undefined): MessageKey | null {
  if (typeof value !== "string" || !/^[a-z_]{1,64}$/.test(value)) return null;
  const key = `hosted.oauth.error.${value}`;
  return Object.hasOwn(CATALOGS.en, key) ? (key as MessageKey) : null;
}

export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ app_id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { app_id } = await params;
  const oauthError = oauthErrorKey((await searchParams).sct_error);
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const phone = app.allowedIdentifiers.includes("phone");
  // Whether the app offers passkeys (its `passkeys_enabled` setting); when on, the identifier field takes passkey autofill.
  const passkeys = app.passkeysEnabled;
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title={t("hosted.title", { app: app.name })} body={t(phone ? "hosted.intro_phone" : "hosted.intro")} />
      {oauthError ? (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {t(oauthError)}
        </p>
      ) : null}
      <ActionForm
        action={startSignIn.bind(null, app.publicId)}
        field={{
          name: "identifier",
          label: t(phone ? "hosted.identifier.label_any" : "hosted.identifier.label_email"),
          type: phone ? "text" : "email",
          autoComplete: `${phone ? "username" : "email"}${passkeys ? " webauthn" : ""}`,
          inputMode: phone ? "text" : "email",
          maxLength: 320,
        }}
        color={branding.color}
        submitLabel={t("hosted.continue")}
        pendingLabel={t("hosted.sending")}
      />
      {/* Passkeys (issue 4) and OAuth providers (issue 5): each renders nothing when the app has it off. */}
      <PasskeySignIn appId={app.publicId} enabled={passkeys} color={branding.color} />
      <OAuthButtons app={app} t={t} color={branding.color} />
      {/* Sign-in creates unknown users too (when public sign-up is on); the sign-up page is for apps that ask for more. */}
      {app.publicSignup && (await registrationFields(app)).length > 0 ? (
        <p className="mt-6 text-center text-sm">
          <Link href={`${loginPath(app)}/register`} className="font-medium text-slate-700 underline underline-offset-2">
            {t("hosted.signup.link", { app: app.name })}
          </Link>
        </p>
      ) : null}
    </HostedShell>
  );
}
