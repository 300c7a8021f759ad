import { createElement } from "react";
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { emailBrand } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import type { OutboxRow } from "@/lib/messages/queue-message";
import WorkspaceInviteEmail from "@/emails/workspace-invite";

/**
 * Queue the workspace invitation (spec §3.9) in the caller's transaction,
 * sent as the dashboard app. The link is the dashboard app's login_url, which
 * comes from configuration only (threats T12), never from the request.
 */
export function sendWorkspaceInviteEmail(
  tx: Executor,
  ctx: Ctx,
  input: { dashboardApp: AppRow; to: string; workspaceName: string; role: "admin" | "member" },
): Promise<OutboxRow> {
  const app = input.dashboardApp;
  const url = app.loginUrl ?? app.origin;
  return deliverEmail(tx, ctx, {
    app,
    to: input.to,
    template: "workspace_invite",
    subject: `You're invited to ${input.workspaceName} on ${app.name}`,
    element: createElement(WorkspaceInviteEmail, { brand: emailBrand(app), workspaceName: input.workspaceName, role: input.role, url }),
    links: [url],
  });
}
