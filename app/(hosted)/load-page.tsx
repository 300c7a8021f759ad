import type { Metadata } from "next";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { type AppRow, findLiveAppCached } from "@/lib/apps/find-app";
import { type Branding, brandingOf } from "@/lib/hosted/branding";
import { hostedLocale } from "@/lib/hosted/request-ctx";
import type { Locale } from "@/lib/i18n/catalogs";
import type { Translator } from "@/lib/i18n/translate";

/** Hosted pages are never indexed and never send a Referer (some carry a token in their URL). */
export const hostedMetadata: Metadata = { robots: { index: false, follow: false }, referrer: "no-referrer" };

export type HostedPage = { app: AppRow; branding: Branding; locale: Locale; t: Translator };

/** The live app of a hosted page with its branding and language, or null (the caller renders `AppNotFound`). */
export async function loadHostedPage(appId: string): Promise<HostedPage | null> {
  const app = appId.length <= 64 ? await findLiveAppCached(appId) : null;
  if (!app) return null;
  const { locale, t } = await hostedLocale(app);
  return { app, branding: brandingOf(app), locale, t };
}

export async function AppNotFound() {
  const { locale, t } = await hostedLocale(null);
  return (
    <HostedShell branding={null} lang={locale}>
      <HostedMessage title={t("hosted.app_not_found.title")} body={t("hosted.app_not_found.body")} />
    </HostedShell>
  );
}
