/** Test helpers for verification routes (imported by tests only). */
import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, events, outboxMessages, verifications } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { invalidateAppCache } from "@/lib/apps/find-app";
import { call, type Tenant } from "@/test/harness";
import { POST as m2mTokenRoute } from "@/app/v1/apps/[app_id]/m2m/token/route";

/** A fresh M2M short token and access JWT of `t`'s app. */
export async function m2mFor(t: Tenant): Promise<{ short: string; jwt: string }> {
  const res = await call(m2mTokenRoute, "POST", `/v1/apps/${t.app.publicId}/m2m/token`, {
    params: { app_id: t.app.publicId },
    secret: t.appKey,
    body: { client_name: "verify-tests" },
  });
  if (res.status !== 200) throw new Error(`m2m token: ${res.text}`);
  return { short: res.body.short_token, jwt: res.body.access };
}

export async function patchApp(app: AppRow, set: Partial<AppRow>): Promise<void> {
  await (await getDb()).update(apps).set(set).where(eq(apps.id, app.id));
  invalidateAppCache(app);
}

/** The newest outbox message to `to`. */
export async function lastMessageTo(to: string) {
  const [row] = await (await getDb()).select().from(outboxMessages).where(eq(outboxMessages.to, to)).orderBy(desc(outboxMessages.createdAt)).limit(1);
  if (!row) throw new Error(`no message to ${to}`);
  return row;
}

/** The link token (`ch_…`) of the newest message to `to`. */
export async function linkTokenTo(to: string): Promise<string> {
  const msg = await lastMessageTo(to);
  const m = /\/v\/(ch_[A-Za-z0-9_-]+)/.exec(msg.links[0] ?? msg.text ?? "");
  if (!m?.[1]) throw new Error("no link in message");
  return m[1];
}

export async function verificationRow(id: string) {
  const [row] = await (await getDb()).select().from(verifications).where(eq(verifications.id, id));
  if (!row) throw new Error("verification not found");
  return row;
}

export async function eventSlugs(appId: string): Promise<string[]> {
  const rows = await (await getDb()).select({ slug: events.slug }).from(events).where(eq(events.appId, appId));
  return rows.map((r) => r.slug);
}

export async function eventsOf(appId: string, slug: string) {
  return (await (await getDb()).select().from(events).where(eq(events.appId, appId))).filter((e) => e.slug === slug);
}
