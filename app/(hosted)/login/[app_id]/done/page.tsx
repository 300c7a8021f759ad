import type { Metadata } from "next";
import Link from "next/link";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { PasskeyAdd } from "@/components/hosted/passkey-add";
import { PasskeyActionButton } from "@/components/hosted/passkey-button";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { readHostedAccount, shouldOfferPasskey } from "@/lib/passkeys/hosted-account";
import { passkeyAddLabels } from "@/lib/passkeys/hosted-labels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Signed in" };

/**
 * The "signed in" page. With the hosted session of a link or code sign-in it
 * first offers to add a passkey (then continues to the app); otherwise it
 * says you are signed in, with the passkeys page and sign-out when a hosted
 * session is held.
 */
export default async function DonePage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const account = await readHostedAccount(app);
  if (account && (await shouldOfferPasskey(account.app, account.user))) {
    return (
      <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
        <HostedMessage title={t("hosted.passkeys.offer.title")} body={t("hosted.passkeys.offer.body", { app: app.name })} />
        <PasskeyAdd appId={app.publicId} color={branding.color} labels={passkeyAddLabels(t)} mode="offer" />
      </HostedShell>
    );
  }
  return (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      <HostedMessage title={t("hosted.done.title")} body={t("hosted.done.body", { app: app.name })} />
      {account ? (
        <div className="mt-6 flex items-center justify-between text-sm">
          {app.passkeysEnabled ? (
            <Link href={`${loginPath(app)}/passkeys`} className="font-medium text-slate-700 underline underline-offset-2">
              {t("hosted.passkeys.manage")}
            </Link>
          ) : (
            <span />
          )}
          <PasskeyActionButton
            appId={app.publicId}
            action="sign_out"
            label={t("hosted.passkeys.sign_out")}
            className="font-medium text-slate-700 underline underline-offset-2"
          />
        </div>
      ) : null}
    </HostedShell>
  );
}
