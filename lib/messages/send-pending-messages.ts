/**
 * The message sender: delivers `pending` outbox rows (email and SMS) through
 * the provider recorded on each row (lib/messages/message-transports.ts).
 * Claiming is one UPDATE over a `FOR UPDATE SKIP LOCKED` selection, so any
 * number of instances share the queue without sending a row twice at once;
 * the claim bumps `attempts` and stamps `updated_at`, which also hides the
 * row until its back-off has passed (30 s, 60 s, 120 s… capped at 15 min) —
 * a sender that dies mid-send leaves the row to be retried, and the provider
 * idempotency key (the row id) keeps the retry from delivering twice.
 *
 * A message given up (refused for good, or out of attempts) records a
 * `message.delivery_failed` event; a refusal (bad credentials, a 401…) also
 * raises one "delivery failing" notification for the workspace's members.
 */
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, outboxMessages } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { recordEvent } from "@/lib/events/record-event";
import { log } from "@/lib/log";
import type { EmailTransport, TransportResult } from "@/lib/messages/email-transport";
import { type TransportLookup, transportForKey } from "@/lib/messages/message-transports";
import type { OutboxRow } from "@/lib/messages/queue-message";
import type { Channel } from "@/lib/message-providers/route-for";
import { raiseNotification } from "@/lib/notifications/raise-notification";

export interface SendPendingOptions {
  now?: Date;
  /** Most rows claimed in one run. */
  batchSize?: number;
  /** Attempts before a row is given up as `failed`. */
  maxAttempts?: number;
  /** Rows older than this are failed unsent: their links and codes are dead (threats R6). */
  maxAgeSeconds?: number;
  /** Channels to deliver (default both). */
  channels?: Channel[];
  /** Test hook: deliver every email through this transport (and `from`), whatever the row's provider. */
  transport?: EmailTransport;
  from?: string;
}

export interface SendPendingResult {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
}

const CLEARED = { text: null, html: null, links: [] as string[], code: null };

/** Record the failure and, for a refusal, notify the workspace (once per app, provider and condition). */
async function reportFailure(row: OutboxRow, label: string, providerKey: string, error: string, refused: boolean, now: Date) {
  if (!row.workspaceId) return;
  const db = await getDb();
  const ctx = { ...systemCtx("message-sender"), now };
  await recordEvent(db, ctx, {
    workspaceId: row.workspaceId,
    appId: row.appId,
    slug: "message.delivery_failed",
    params: { message_id: row.id, channel: row.channel, template: row.template, provider: label, error, attempts: row.attempts },
  });
  if (!refused) return;
  const [app] = row.appId ? await db.select({ name: apps.name }).from(apps).where(eq(apps.id, row.appId)).limit(1) : [];
  const what = row.channel === "sms" ? "SMS" : "Email";
  await raiseNotification(
    db,
    {
      workspaceId: row.workspaceId,
      appId: row.appId,
      title: `${what} delivery failing`,
      message: `${label} refused a message${app ? ` of ${app.name}` : ""}: ${error}. Check the provider's credentials and settings.`,
      priority: "high",
      category: "delivery",
      actionLabel: "Fix",
      dedupeKey: `delivery_failed:${row.appId ?? "instance"}:${providerKey}`,
    },
    now,
  );
}

export async function sendPendingMessages(opts: SendPendingOptions = {}): Promise<SendPendingResult> {
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const maxAttempts = opts.maxAttempts ?? 5;
  const maxAge = new Date(now.getTime() - (opts.maxAgeSeconds ?? 3600) * 1000);
  const channels = opts.channels ?? ["email", "sms"];
  const db = await getDb();
  const pending = and(eq(outboxMessages.status, "pending"), inArray(outboxMessages.channel, channels));

  const expired = await db
    .update(outboxMessages)
    .set({ status: "failed", lastError: "expired before delivery", ...CLEARED, updatedAt: now })
    .where(and(pending, lt(outboxMessages.createdAt, maxAge)))
    .returning({ id: outboxMessages.id });

  const due = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        pending,
        or(
          eq(outboxMessages.attempts, 0),
          // postgres.js does not serialise a Date inside a raw fragment: pass ISO text.
          sql`${outboxMessages.updatedAt} <= ${nowIso}::timestamptz - least(interval '15 minutes', interval '30 seconds' * power(2, ${outboxMessages.attempts} - 1))`,
        ),
      ),
    )
    .orderBy(asc(outboxMessages.createdAt))
    .limit(opts.batchSize ?? 20)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(outboxMessages)
    .set({ attempts: sql`${outboxMessages.attempts} + 1`, updatedAt: now })
    .where(and(inArray(outboxMessages.id, due), pending))
    .returning();

  const result: SendPendingResult = { sent: 0, retrying: 0, failed: 0, expired: expired.length };
  const lookups = new Map<string, TransportLookup>();
  for (const row of claimed) {
    const providerKey = row.provider ?? "outbox";
    let lookup: TransportLookup;
    if (opts.transport && row.channel === "email") {
      lookup = { ok: true, transport: { send: opts.transport, from: opts.from ?? "", label: providerKey, providerId: null } };
    } else {
      const cacheKey = `${row.appId ?? ""}|${row.channel}|${providerKey}`;
      lookup = lookups.get(cacheKey) ?? (await transportForKey(db, providerKey, row.channel, row.appId));
      lookups.set(cacheKey, lookup);
    }
    let outcome: TransportResult;
    if (lookup.ok) {
      const { transport } = lookup;
      const from = opts.from ?? transport.from;
      outcome = await transport
        .send({ id: row.id, from, to: row.to, subject: row.subject ?? "", html: row.html, text: row.text ?? "" })
        .catch((e: unknown): TransportResult => ({ ok: false, permanent: false, error: e instanceof Error ? e.name : "send failed" }));
    } else {
      outcome = { ok: false, permanent: true, error: lookup.error };
    }
    const label = lookup.ok ? lookup.transport.label : lookup.label;
    const mine = and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, "pending"));
    if (outcome.ok) {
      // Delivered: the body (links, codes) is no longer needed and is not kept.
      await db.update(outboxMessages).set({ status: "sent", sentAt: now, lastError: null, ...CLEARED, updatedAt: now }).where(mine);
      result.sent++;
    } else if (outcome.permanent || row.attempts >= maxAttempts) {
      await db.update(outboxMessages).set({ status: "failed", lastError: outcome.error, ...CLEARED, updatedAt: now }).where(mine);
      log.warn("message delivery failed", { messageId: row.id, channel: row.channel, provider: label, attempts: row.attempts, error: outcome.error });
      await reportFailure(row, label, providerKey, outcome.error, outcome.permanent, now).catch((e: unknown) =>
        log.warn("delivery failure report failed", { messageId: row.id, err: e instanceof Error ? e : String(e) }),
      );
      result.failed++;
    } else {
      // `updated_at` stays the claim time: the back-off counts from it.
      await db.update(outboxMessages).set({ lastError: outcome.error, updatedAt: now }).where(mine);
      result.retrying++;
    }
  }
  return result;
}
