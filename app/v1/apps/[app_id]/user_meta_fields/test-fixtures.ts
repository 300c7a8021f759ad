/** Shared helpers for the user meta field route tests. */
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { apiKeys, appUsers } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import type { Tenant } from "@/test/harness";

/** A fresh app key of `t`, already revoked. */
export async function revokedKey(t: Tenant): Promise<string> {
  const { row, token } = await createApiKey({
    ctx: systemCtx(),
    input: { kind: "app", workspaceId: t.workspace.id, appId: t.app.id, nickname: "revoked" },
  });
  await (await getDb()).update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, row.id));
  return token;
}

/** An active user of `t` with `meta` stored as given (no validation). */
export async function userWithMeta(t: Tenant, email: string, meta: Record<string, unknown>) {
  const db = await getDb();
  const identifier = parseIdentifier(email);
  if (!identifier) throw new Error(`bad test email ${email}`);
  const { user } = await db.transaction((tx) => findOrCreateUser(tx, systemCtx(), { app: t.app, identifier, status: "active", meta }));
  return user;
}

export async function metaOf(userId: string): Promise<Record<string, unknown> | null> {
  const [row] = await (await getDb()).select({ meta: appUsers.meta }).from(appUsers).where(eq(appUsers.id, userId));
  return row?.meta ?? null;
}
