import type { Metadata } from "next";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Signed in" };

export default async function DonePage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title={t("hosted.done.title")} body={t("hosted.done.body", { app: app.name })} />
    </HostedShell>
  );
}
