/**
 * Render a react-email element to HTML and plain text and queue it through
 * queueMessage, inside the caller's transaction (no email for a rolled-back
 * change). Every typed sender in this folder ends here.
 */
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { type OutboxRow, queueMessage } from "@/lib/messages/queue-message";

export interface EmailToDeliver {
  app: Pick<AppRow, "id" | "workspaceId">;
  to: string;
  /** Template name recorded on the outbox row, e.g. `magic_link_login`. */
  template: string;
  subject: string;
  element: ReactElement;
  /** Every URL in the message (outbox API, tests). */
  links?: string[];
  code?: string;
}

export async function deliverEmail(tx: Executor, ctx: Ctx, email: EmailToDeliver): Promise<OutboxRow> {
  const [html, text] = await Promise.all([render(email.element), render(email.element, { plainText: true })]);
  return queueMessage(tx, ctx, {
    appId: email.app.id,
    workspaceId: email.app.workspaceId,
    channel: "email",
    template: email.template,
    to: email.to,
    subject: email.subject,
    text: text.trim(),
    html,
    links: email.links,
    code: email.code,
  });
}
