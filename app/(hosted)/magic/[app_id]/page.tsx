import type { Metadata } from "next";
import { continueMagicLink } from "@/app/(hosted)/actions";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { HostedButtonLink, HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { SubmitButton } from "@/components/hosted/submit-button";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { inspectMagicLink, type LinkState } from "@/lib/hosted/inspect-magic-link";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Continue signing in" };

const FAILED: readonly LinkState[] = ["expired", "used", "invalid"];

/**
 * The emailed link's landing page. A GET only looks at the link (mail
 * scanners prefetch): the Continue button's POST is what consumes it.
 */
export default async function MagicLandingPage({
  params,
  searchParams,
}: {
  params: Promise<{ app_id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { app_id } = await params;
  const query = await searchParams;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const token = typeof query.sct_magic === "string" ? query.sct_magic : "";
  const status = typeof query.status === "string" ? query.status : "";
  const state: LinkState = token
    ? await inspectMagicLink(app, token, new Date())
    : FAILED.find((s) => s === status) ?? "invalid";
  const logoAlt = t("hosted.logo_alt", { app: app.name });

  if (state !== "usable") {
    return (
      <HostedShell branding={branding} logoAlt={logoAlt} lang={locale}>
        <HostedMessage title={t(`hosted.magic.${state}.title`)} body={t(`hosted.magic.${state}.body`)}>
          <HostedButtonLink href={loginPath(app)} color={branding.color}>
            {t("hosted.magic.request_new")}
          </HostedButtonLink>
        </HostedMessage>
      </HostedShell>
    );
  }
  return (
    <HostedShell branding={branding} logoAlt={logoAlt} lang={locale}>
      <HostedMessage title={t("hosted.magic.title", { app: app.name })} body={t("hosted.magic.body")} />
      <form action={continueMagicLink.bind(null, app.publicId)}>
        <input type="hidden" name="sct_magic" value={token} />
        <SubmitButton color={branding.color} label={t("hosted.magic.button")} />
      </form>
    </HostedShell>
  );
}
