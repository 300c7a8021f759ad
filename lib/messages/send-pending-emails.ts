/**
 * The email sender: delivers `pending` outbox rows through the provider.
 * Claiming is one UPDATE over a `FOR UPDATE SKIP LOCKED` selection, so any
 * number of instances share the queue without sending a row twice at once;
 * the claim bumps `attempts` and stamps `updated_at`, which also hides the
 * row until its back-off has passed (30 s, 60 s, 120 s… capped at 15 min) —
 * a sender that dies mid-send leaves the row to be retried, and the provider
 * idempotency key (the row id) keeps the retry from delivering twice.
 */
import { and, asc, eq, inArray, lt, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import type { EmailTransport } from "@/lib/messages/email-transport";
import { resendTransport } from "@/lib/messages/email-transport";

export interface SendPendingOptions {
  now?: Date;
  /** Most rows claimed in one run. */
  batchSize?: number;
  /** Attempts before a row is given up as `failed`. */
  maxAttempts?: number;
  /** Rows older than this are failed unsent: their links and codes are dead (threats R6). */
  maxAgeSeconds?: number;
  /** Defaults to Resend with RESEND_API_KEY. */
  transport?: EmailTransport;
  from?: string;
}

export interface SendPendingResult {
  sent: number;
  retrying: number;
  failed: number;
  expired: number;
}

export async function sendPendingEmails(opts: SendPendingOptions = {}): Promise<SendPendingResult> {
  const env = getEnv();
  const now = opts.now ?? new Date();
  const nowIso = now.toISOString();
  const maxAttempts = opts.maxAttempts ?? 5;
  const maxAge = new Date(now.getTime() - (opts.maxAgeSeconds ?? 3600) * 1000);
  const transport = opts.transport ?? (env.resendApiKey ? resendTransport(env.resendApiKey) : null);
  if (!transport) return { sent: 0, retrying: 0, failed: 0, expired: 0 };
  const from = opts.from ?? env.emailFrom;
  const db = await getDb();
  const pendingEmail = and(eq(outboxMessages.status, "pending"), eq(outboxMessages.channel, "email"));

  const expired = await db
    .update(outboxMessages)
    .set({ status: "failed", lastError: "expired before delivery", text: null, html: null, links: [], code: null, updatedAt: now })
    .where(and(pendingEmail, lt(outboxMessages.createdAt, maxAge)))
    .returning({ id: outboxMessages.id });

  const due = db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(
      and(
        pendingEmail,
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
    .where(and(inArray(outboxMessages.id, due), pendingEmail))
    .returning();

  const result: SendPendingResult = { sent: 0, retrying: 0, failed: 0, expired: expired.length };
  for (const row of claimed) {
    const outcome = await transport({ id: row.id, from, to: row.to, subject: row.subject ?? "", html: row.html, text: row.text ?? "" });
    const mine = and(eq(outboxMessages.id, row.id), eq(outboxMessages.status, "pending"));
    if (outcome.ok) {
      // Delivered: the body (links, codes) is no longer needed and is not kept.
      await db
        .update(outboxMessages)
        .set({ status: "sent", sentAt: now, provider: "resend", lastError: null, text: null, html: null, links: [], code: null, updatedAt: now })
        .where(mine);
      result.sent++;
    } else if (outcome.permanent || row.attempts >= maxAttempts) {
      await db
        .update(outboxMessages)
        .set({ status: "failed", lastError: outcome.error, text: null, html: null, links: [], code: null, updatedAt: now })
        .where(mine);
      log.warn("email delivery failed", { messageId: row.id, attempts: row.attempts, error: outcome.error });
      result.failed++;
    } else {
      // `updated_at` stays the claim time: the back-off counts from it.
      await db.update(outboxMessages).set({ lastError: outcome.error, updatedAt: now }).where(mine);
      result.retrying++;
    }
  }
  return result;
}
