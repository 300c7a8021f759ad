/**
 * Every SMS goes through here, inside the transaction of the change that
 * causes it. The message is written to the outbox by queueMessage: today
 * every SMS is captured in the dev outbox; when per-app message service
 * providers land (spec §19), queueMessage marks SMS rows `pending` for an app
 * with a provider and the sender delivers them with ./provider.ts. Callers do
 * not change.
 */
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { type OutboxRow, queueMessage } from "@/lib/messages/queue-message";

export interface SmsInput {
  app: Pick<AppRow, "id" | "workspaceId">;
  /** E.164 number (already parsed with parsePhone). */
  to: string;
  /** Template name, e.g. `otp_code`. */
  template: string;
  text: string;
  /** The one-time code, for code messages (outbox API and tests). */
  code?: string;
}

/** Queue one SMS to `to` (same transaction as the change it reports). */
export async function sendSms(tx: Executor, ctx: Ctx, input: SmsInput): Promise<OutboxRow> {
  return queueMessage(tx, ctx, {
    appId: input.app.id,
    workspaceId: input.app.workspaceId,
    channel: "sms",
    template: input.template,
    to: input.to,
    text: input.text,
    code: input.code,
  });
}
