import type { Metadata } from "next";
import { startSignIn } from "@/app/(hosted)/actions";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { ActionForm } from "@/components/hosted/action-form";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Sign in" };

export default async function SignInPage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const phone = app.allowedIdentifiers.includes("phone");
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title={t("hosted.title", { app: app.name })} body={t(phone ? "hosted.intro_phone" : "hosted.intro")} />
      <ActionForm
        action={startSignIn.bind(null, app.publicId)}
        field={{
          name: "identifier",
          label: t(phone ? "hosted.identifier.label_any" : "hosted.identifier.label_email"),
          type: phone ? "text" : "email",
          autoComplete: phone ? "username" : "email",
          inputMode: phone ? "text" : "email",
          maxLength: 320,
        }}
        color={branding.color}
        submitLabel={t("hosted.continue")}
        pendingLabel={t("hosted.sending")}
      />
    </HostedShell>
  );
}
