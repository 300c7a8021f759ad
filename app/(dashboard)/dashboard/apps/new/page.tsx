import type { Metadata } from "next";
import { createAppAction } from "@/app/(dashboard)/actions/apps";
import { SettingsForm } from "@/components/dashboard/settings-form";
import { ButtonLink } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/states";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { canManage, currentMembership } from "@/lib/dashboard-ui/workspace";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New app" };

export default async function NewAppPage() {
  const signedIn = await requireMember();
  const membership = await currentMembership(signedIn);
  if (!canManage(membership.role)) {
    return (
      <EmptyState
        title="You cannot create apps here"
        body={`Only owners and admins of ${membership.workspaceName} create apps. Ask one of them, or switch workspace.`}
        action={<ButtonLink href="/dashboard/apps" variant="secondary">Back to apps</ButtonLink>}
      />
    );
  }
  return (
    <>
      <PageHeader title="New app" description={`In ${membership.workspaceName}. Everything but the name and origin can be changed later.`} />
      <Card title="General">
        <SettingsForm
          action={createAppAction}
          submitLabel="Create app"
          fields={[
            { kind: "text", name: "name", label: "Name", hint: "Shown to your users on sign-in pages and emails.", value: "", required: true },
            { kind: "url", name: "origin", label: "Origin", hint: "Where your app runs, e.g. https://app.example.com (http only for localhost).", value: "", required: true, placeholder: "https://app.example.com" },
            { kind: "url", name: "callback_url", label: "Callback URL", hint: "Where the hosted sign-in hands the session back. Must be on the app's origins.", value: "", placeholder: "https://app.example.com/auth/callback" },
            { kind: "url", name: "login_url", label: "Login URL", hint: "Your own sign-in page, if you have one.", value: "" },
            { kind: "textarea", name: "additional_origins", label: "Additional origins", hint: "One per line: other sites that may call the API from a browser.", value: "", rows: 2 },
          ]}
        />
      </Card>
    </>
  );
}
