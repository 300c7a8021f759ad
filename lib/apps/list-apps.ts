import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apps, signingKeys } from "@/db/schema";
import { toAdminApp } from "@/lib/apps/serialize";
import type { Ctx } from "@/lib/context";

/**
 * Live apps of one workspace as AppAdmin objects, oldest first. The caller
 * has already authorised `workspaceId` for `ctx` (lib/tenancy.ts); an app key
 * sees only its own app.
 */
export async function listApps({ ctx, input }: { ctx: Ctx; input: { workspaceId: string } }): Promise<Record<string, unknown>[]> {
  const db = await getDb();
  const onlyApp = ctx.actor.type === "apiKey" && ctx.actor.keyKind === "app" ? ctx.actor.appId : null;
  const rows = await db
    .select()
    .from(apps)
    .where(and(eq(apps.workspaceId, input.workspaceId), isNull(apps.deletedAt), onlyApp ? eq(apps.id, onlyApp) : undefined))
    .orderBy(asc(apps.createdAt), asc(apps.id))
    .limit(1000);
  if (rows.length === 0) return [];
  const keys = await db
    .select({ appId: signingKeys.appId, pem: signingKeys.publicPem })
    .from(signingKeys)
    .where(and(inArray(signingKeys.appId, rows.map((r) => r.id)), eq(signingKeys.status, "active")));
  const pemByApp = new Map(keys.map((k) => [k.appId, k.pem]));
  return rows.map((r) => toAdminApp(r, pemByApp.get(r.id) ?? null));
}
