import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppNotFound, hostedMetadata, loadHostedPage } from "@/app/(hosted)/load-page";
import { HostedButtonLink, HostedMessage, HostedShell } from "@/components/hosted/hosted-shell";
import { PasskeyAdd } from "@/components/hosted/passkey-add";
import { PasskeyActionButton } from "@/components/hosted/passkey-button";
import { PasskeyRename } from "@/components/hosted/passkey-rename";
import { loginPath } from "@/lib/hosted/flow-cookie";
import { credentialsOfUser } from "@/lib/passkeys/find-credentials";
import { readHostedAccount } from "@/lib/passkeys/hosted-account";
import { passkeyAddLabels } from "@/lib/passkeys/hosted-labels";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { ...hostedMetadata, title: "Passkeys" };

/** The passkeys of the user signed in on the hosted pages: rename, remove, add. */
export default async function PasskeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ app_id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { app_id } = await params;
  const { status } = await searchParams;
  const page = await loadHostedPage(app_id);
  if (!page) return <AppNotFound />;
  const { app, branding, locale, t } = page;
  const account = await readHostedAccount(app);
  const shell = (children: ReactNode) => (
    <HostedShell branding={branding} logoAlt={t("hosted.logo_alt", { app: app.name })} lang={locale}>
      {children}
    </HostedShell>
  );
  if (!account) {
    return shell(
      <>
        {status === "removed" ? (
          <p role="status" className="mb-4 text-sm text-emerald-700">
            {t("hosted.passkeys.list.removed")}
          </p>
        ) : null}
        <HostedMessage title={t("hosted.passkeys.signin_required.title")} body={t("hosted.passkeys.signin_required.body")} />
        <HostedButtonLink href={loginPath(app)} color={branding.color}>
          {t("hosted.passkeys.signin_required.link")}
        </HostedButtonLink>
      </>,
    );
  }
  const creds = await credentialsOfUser(app.id, account.user.id);
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return shell(
    <>
      <HostedMessage title={t("hosted.passkeys.list.title")} body={t("hosted.passkeys.list.intro", { app: app.name })} />
      {status === "removed" ? (
        <p role="status" className="mt-4 text-sm text-emerald-700">
          {t("hosted.passkeys.list.removed")}
        </p>
      ) : null}
      {status === "not_found" ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {t("hosted.passkeys.list.not_found")}
        </p>
      ) : null}
      {creds.length === 0 ? (
        <p className="mt-6 text-sm text-slate-600">{t("hosted.passkeys.list.empty")}</p>
      ) : (
        <ul className="mt-6 space-y-4" aria-label={t("hosted.passkeys.list.title")}>
          {creds.map((c) => {
            const name = c.nickname ?? t("hosted.passkeys.list.unnamed");
            return (
              <li key={c.id} className="rounded-lg border border-slate-200 p-3" data-credential-id={c.credentialId}>
                <p className="font-medium text-slate-900">{name}</p>
                <p className="text-xs text-slate-500">
                  {t("hosted.passkeys.list.created", { date: date.format(c.createdAt) })} ·{" "}
                  {c.lastUsedAt ? t("hosted.passkeys.list.last_used", { date: date.format(c.lastUsedAt) }) : t("hosted.passkeys.list.never_used")}
                </p>
                <PasskeyRename
                  appId={app.publicId}
                  credentialId={c.credentialId}
                  nickname={name}
                  label={t("hosted.passkeys.list.rename_label", { name })}
                  submit={t("hosted.passkeys.list.rename")}
                />
                <div className="mt-2">
                  <PasskeyActionButton
                    appId={app.publicId}
                    action="remove"
                    credentialId={c.credentialId}
                    label={t("hosted.passkeys.list.remove")}
                    ariaLabel={`${t("hosted.passkeys.list.remove")} ${name}`}
                    className="text-sm font-medium text-red-700 underline underline-offset-2"
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {app.passkeysEnabled ? <PasskeyAdd appId={app.publicId} color={branding.color} labels={passkeyAddLabels(t)} mode="manage" /> : null}
      <div className="mt-6 text-center text-sm">
        <PasskeyActionButton
          appId={app.publicId}
          action="sign_out"
          label={t("hosted.passkeys.sign_out")}
          className="font-medium text-slate-700 underline underline-offset-2"
        />
      </div>
    </>,
  );
}
