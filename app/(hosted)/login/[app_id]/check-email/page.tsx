import type { Metadata } from "next";
import { pollSignIn } from "@/app/(hosted)/actions";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { PollSignIn } from "@/components/hosted/poll-sign-in";
import { loginPath } from "@/lib/hosted/flow-cookie";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Check your email" };

export default async function CheckEmailPage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title={t("hosted.check_email.title")} body={t("hosted.check_email.body")} />
      <PollSignIn
        poll={pollSignIn.bind(null, app.publicId)}
        waitingText={t("hosted.check_email.waiting")}
        goneText={t("hosted.check_email.expired")}
      />
      <a href={loginPath(app)} className="mt-6 inline-block text-sm text-slate-700 underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-slate-900">
        {t("hosted.start_over")}
      </a>
    </HostedShell>
  );
}
