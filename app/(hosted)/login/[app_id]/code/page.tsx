import type { Metadata } from "next";
import { verifyCode } from "@/app/(hosted)/actions";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { ActionForm } from "@/components/hosted/action-form";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { loginPath } from "@/lib/hosted/flow-cookie";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Enter your code" };

export default async function CodePage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title={t("hosted.code.title")} body={t("hosted.code.body")} />
      <ActionForm
        action={verifyCode.bind(null, app.publicId)}
        field={{
          name: "code",
          label: t("hosted.code.label"),
          type: "text",
          autoComplete: "one-time-code",
          inputMode: "numeric",
          pattern: "[0-9]*",
          maxLength: 12,
        }}
        color={branding.color}
        submitLabel={t("hosted.code.submit")}
        pendingLabel={t("hosted.code.verifying")}
      />
      <a href={loginPath(app)} className="mt-6 inline-block text-sm text-slate-700 underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-slate-900">
        {t("hosted.start_over")}
      </a>
    </HostedShell>
  );
}
