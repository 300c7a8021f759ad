import { and, desc, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import type { OutboxRow } from "@/lib/messages/queue-message";

/** One outbox message as the API shows it. */
export function toOutboxMessage(m: OutboxRow): Record<string, unknown> {
  return {
    id: m.id,
    channel: m.channel,
    template: m.template,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    links: m.links,
    code: m.code,
    status: m.status,
    created_at: m.createdAt.toISOString(),
  };
}

/** The newest `limit` captured (dev outbox) messages of an app (internal id), newest first; never ones a real provider sends. */
export async function listOutbox(appId: string, limit: number, db?: Executor): Promise<OutboxRow[]> {
  const exec = db ?? (await getDb());
  return exec
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.appId, appId), eq(outboxMessages.status, "captured")))
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
}
