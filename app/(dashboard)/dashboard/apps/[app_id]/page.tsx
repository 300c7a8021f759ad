import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { deleteAppAction, saveAppSettingsAction } from "@/app/(dashboard)/actions/apps";
import { createKeyAction, revokeKeyAction } from "@/app/(dashboard)/actions/api-keys";
import { ApiKeyPanel } from "@/components/dashboard/api-key-panel";
import { appSections } from "@/lib/dashboard-ui/app-sections";
import { BrandingEditor } from "@/components/dashboard/branding-editor";
import { SettingsForm } from "@/components/dashboard/settings-form";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage } from "@/components/ui/field";
import { Card, PageHeader } from "@/components/ui/states";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { memberKeys } from "@/lib/dashboard-ui/api-keys";
import { memberApp } from "@/lib/dashboard-ui/apps";
import { canManage, memberCtx } from "@/lib/dashboard-ui/workspace";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "App settings" };

const DELETE_ERRORS: Record<string, string> = {
  confirmation: "The name you typed did not match, so nothing was deleted.",
  forbidden: "Only owners and admins can delete apps.",
  failed: "The app could not be deleted. Try again.",
};

async function load(appId: string) {
  const signedIn = await requireMember();
  try {
    return { signedIn, ...(await memberApp(signedIn, appId)) };
  } catch (e) {
    if (isAppError(e) && e.status === 404) notFound();
    throw e;
  }
}

export default async function AppPage({
  params,
  searchParams,
}: {
  params: Promise<{ app_id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { app_id } = await params;
  const { created, delete_error } = await searchParams;
  const { signedIn, app, membership } = await load(app_id);
  const manage = canManage(membership.role);
  const scope = { appId: app.publicId };
  const keys = manage ? await memberKeys(await memberCtx(signedIn), signedIn, scope) : [];
  const save = saveAppSettingsAction.bind(null, app.publicId);
  const sections = appSections(app);
  const nav = [...sections.map((s) => ({ id: s.id, title: s.title })), { id: "branding", title: "Branding" }, ...(manage ? [{ id: "keys", title: "API keys" }, { id: "danger", title: "Danger zone" }] : [])];
  const deleteMessage = typeof delete_error === "string" ? DELETE_ERRORS[delete_error] : undefined;

  return (
    <>
      <PageHeader
        title={app.name}
        description={`${app.origin} · ${membership.workspaceName}`}
        actions={
          <div className="flex items-center gap-2">
            <code className="rounded-lg bg-slate-100 px-2 py-1.5 font-mono text-xs text-slate-700">{app.publicId}</code>
            <CopyButton value={app.publicId} label="Copy app id" />
          </div>
        }
      />
      {created ? (
        <div className="mb-6">
          <FormMessage kind="success">App created. Next: choose how users sign in, then create an API key for your backend.</FormMessage>
        </div>
      ) : null}
      {manage ? null : (
        <div className="mb-6">
          <FormMessage kind="error">You can view this app. Only workspace owners and admins can change it.</FormMessage>
        </div>
      )}
      <div className="grid gap-8 lg:grid-cols-[12rem_1fr]">
        <nav aria-label="App settings sections" className="lg:sticky lg:top-6 lg:self-start">
          <ul className="flex gap-1 overflow-x-auto text-sm lg:flex-col">
            {nav.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className="block rounded-lg px-3 py-1.5 whitespace-nowrap text-slate-700 hover:bg-white hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600">
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="min-w-0 space-y-6">
          {sections.map((s) => (
            <Card key={s.id} id={s.id} title={s.title} description={s.description}>
              <SettingsForm action={save} fields={s.fields} readOnly={!manage} submitLabel={`Save ${s.title.toLowerCase()}`} />
            </Card>
          ))}
          <Card id="branding" title="Branding" description="How your hosted sign-in pages and emails look. The preview follows your changes as you type.">
            <BrandingEditor action={save} name={app.name} logo={app.logo ?? ""} colors={app.colors} readOnly={!manage} />
          </Card>
          {manage ? (
            <Card id="keys" title="API keys" description="App keys reach this app only. Prefer them over workspace keys for a single backend.">
              <ApiKeyPanel
                keys={keys}
                kindLabel="app key"
                createAction={createKeyAction.bind(null, scope)}
                revokeAction={revokeKeyAction.bind(null, scope)}
              />
            </Card>
          ) : null}
          {manage ? (
            <Card id="danger" title="Danger zone" tone="danger" description="Deleting the app revokes all its API keys and signs out every user at once. It cannot be undone.">
              {deleteMessage ? (
                <div className="mb-4">
                  <FormMessage kind="error">{deleteMessage}</FormMessage>
                </div>
              ) : null}
              <ConfirmDialog
                trigger="Delete app"
                title={`Delete ${app.name}?`}
                body={<p>All API keys of this app stop working and all its users are signed out. This cannot be undone.</p>}
                confirmLabel="Delete app"
                confirmText={app.name}
                formAction={deleteAppAction.bind(null, app.publicId)}
              />
            </Card>
          ) : null}
        </div>
      </div>
    </>
  );
}
