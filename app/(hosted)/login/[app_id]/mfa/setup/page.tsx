import type { Metadata } from "next";
import Image from "next/image";
import QRCode from "qrcode";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { SubmitButton } from "@/components/hosted/submit-button";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { enrollmentsOf } from "@/lib/mfa/state";
import { openTotpSecret, provisioningUri } from "@/lib/mfa/totp";
import { readHostedAccount } from "@/lib/passkeys/hosted-account";
import { confirmTotpSetup, startTotpSetup } from "../actions";
import { SetupForm } from "./setup-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Set up two-step verification" };

/**
 * TOTP enrollment for the user signed in on the hosted pages. The pending
 * enrollment row is the flow's state: its sealed secret is opened here, on
 * the server, to draw the QR code (a data: URL) and the manual key; nothing
 * travels in a URL.
 */
export default async function MfaSetupPage({ params }: { params: Promise<{ app_id: string }> }) {
  const { app_id } = await params;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const principal = await readHostedAccount(app);
  const shell = (children: React.ReactNode) => (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      {children}
    </HostedShell>
  );
  if (!principal) {
    return shell(
      <>
        <HostedMessage title="Set up two-step verification" body="Please sign in first." />
        <a href={loginPath(app)} className="mt-6 inline-block text-sm text-slate-700 underline underline-offset-4">
          {t("hosted.start_over")}
        </a>
      </>,
    );
  }
  const totps = (await enrollmentsOf(app.id, principal.user.id)).filter((e) => e.method === "totp");
  const pending = totps.filter((e) => !e.verified).at(-1);
  if (!pending?.secretEncrypted) {
    return shell(
      <>
        <HostedMessage
          title="Set up two-step verification"
          body={totps.some((e) => e.verified) ? "An authenticator app is already set up. You can add another one." : "Protect your account with a code from an authenticator app."}
        />
        <form action={startTotpSetup.bind(null, app.publicId)}>
          <SubmitButton color={branding.color} label="Set up an authenticator app" pendingLabel="Preparing…" />
        </form>
      </>,
    );
  }
  const secret = openTotpSecret(pending.secretEncrypted);
  const uri = provisioningUri(secret, { issuer: app.name, label: principal.user.email ?? principal.user.phone ?? principal.user.id });
  const qr = await QRCode.toDataURL(uri, { margin: 1, width: 220 });
  return shell(
    <>
      <HostedMessage title="Scan this code" body="Scan it with your authenticator app, then enter the 6-digit code it shows." />
      <Image src={qr} alt="QR code for your authenticator app" width={220} height={220} unoptimized className="mx-auto mt-4" />
      <p className="mt-4 text-sm text-slate-700">
        Or enter this key by hand: <code className="break-all font-mono text-slate-900" data-testid="totp-key">{secret}</code>
      </p>
      <SetupForm action={confirmTotpSetup.bind(null, app.publicId)} enrollmentId={pending.id} color={branding.color} />
    </>,
  );
}
