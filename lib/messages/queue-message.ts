/**
 * Every email and SMS goes through here, inside the transaction of the change
 * that causes it (so no message exists for a rolled-back change). Without a
 * real provider the message is captured in the dev outbox: stored in full and
 * announced with one console line carrying its link or code. With a provider
 * (the app's own, spec §19, else the instance default: see
 * lib/message-providers/route-for.ts) it is queued (`pending`) for the sender,
 * with the provider recorded on the row.
 */
import { randomUUID } from "node:crypto";
import type { Executor } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { type InstanceTransport, instanceTransport, providerKeyFor } from "@/lib/message-providers/route-for";

export type OutboxRow = typeof outboxMessages.$inferSelect;

export interface OutgoingMessage {
  appId: string | null;
  workspaceId: string | null;
  channel: "email" | "sms";
  /** Template name, e.g. `magic_link_login`, `otp_code`. */
  template: string;
  to: string;
  subject?: string;
  text: string;
  html?: string;
  /** Every URL in the message (for the outbox API and tests). */
  links?: string[];
  /** The one-time code, for code messages. */
  code?: string;
}

/** Which transport a message of an app without its own provider takes on this instance. */
export function transportFor(channel: "email" | "sms"): InstanceTransport {
  return instanceTransport(channel);
}

export async function queueMessage(tx: Executor, ctx: Ctx, msg: OutgoingMessage): Promise<OutboxRow> {
  const transport = await providerKeyFor(tx, msg.appId, msg.channel);
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      id: randomUUID(),
      appId: msg.appId,
      workspaceId: msg.workspaceId,
      channel: msg.channel,
      template: msg.template,
      to: msg.to,
      subject: msg.subject ?? null,
      text: msg.text,
      html: msg.html ?? null,
      links: msg.links ?? [],
      code: msg.code ?? null,
      status: transport === "outbox" ? "captured" : "pending",
      provider: transport,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (!row) throw new Error("outbox insert returned nothing");
  if (transport === "outbox") {
    // The dev outbox's one console line (deliberately not through the
    // redacting logger: showing the link or code is its whole purpose).
    const what = msg.code ? `code ${msg.code}` : (msg.links?.[0] ?? "");
    console.log(`[tessera] outbox: ${msg.channel} to ${msg.to}${msg.subject ? ` "${msg.subject}"` : ""} — ${what}`);
  }
  return row;
}
