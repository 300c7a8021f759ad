import { desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { m2mSessions } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { M2mSessionObject } from "@/lib/m2m/schemas";
import { toM2mSession } from "@/lib/m2m/serialize";
import { appForActor } from "@/lib/tenancy";

/** The app's M2M sessions, active and inactive, newest first (spec §18.2). */
export async function listM2mSessions({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<M2mSessionObject[]> {
  const app = await appForActor(ctx, input.appId);
  const db = await getDb();
  // m2m_sessions_app_idx.
  const rows = await db
    .select()
    .from(m2mSessions)
    .where(eq(m2mSessions.appId, app.id))
    .orderBy(desc(m2mSessions.createdAt), desc(m2mSessions.id))
    .limit(500);
  return rows.map((r) => toM2mSession(r, ctx.now));
}
