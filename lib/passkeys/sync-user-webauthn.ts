import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { appUsers, webauthnCredentials } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { webauthnTypeOf } from "@/lib/passkeys/serialize";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * Inside the transaction that added or removed a credential: set the user's
 * `webauthn_enabled` / `webauthn_types` from the credentials stored now, so
 * they never drift from the table (spec §9.2, §9.6, §9.7).
 */
export async function syncUserWebauthn(tx: Executor, ctx: Ctx, input: { appId: string; appUserId: string }): Promise<AppUserRow> {
  const creds = await tx
    .select({ transports: webauthnCredentials.transports })
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.appId, input.appId), eq(webauthnCredentials.appUserId, input.appUserId)));
  const types = [...new Set(creds.map(webauthnTypeOf))].sort();
  const [user] = await tx
    .update(appUsers)
    .set({ webauthnEnabled: creds.length > 0, webauthnTypes: types, updatedAt: ctx.now })
    .where(and(eq(appUsers.id, input.appUserId), eq(appUsers.appId, input.appId)))
    .returning();
  if (!user) throw new Error("syncUserWebauthn: user not found");
  return user;
}
