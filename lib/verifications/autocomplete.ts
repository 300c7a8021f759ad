import { and, eq, ilike, inArray, max, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, verifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * GET /v1/verify/{app_id}/autocomplete (spec §15.11): contacts of the app
 * whose email or phone contains `query` (≥ 2 characters). Backends only: a
 * user token would turn it into an enumeration oracle (threats T10).
 */
export async function autocompleteContacts({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: VerifyCallerPrincipal; query: string; limit?: number };
}) {
  void ctx;
  if (input.principal.kind === "user") throw new AppError({ code: "forbidden", message: "Autocomplete needs an M2M token or API secret" });
  const app = input.principal.app;
  const limit = input.limit ?? 10;
  const pattern = `%${escapeLike(input.query.toLowerCase())}%`;
  const db = await getDb();
  const users = await db
    .select()
    .from(appUsers)
    .where(and(eq(appUsers.appId, app.id), or(ilike(appUsers.email, pattern), ilike(appUsers.phone, pattern))))
    .orderBy(sql`${appUsers.lastUsedAt} desc nulls last`, appUsers.createdAt)
    .limit(limit);
  const q = input.query.toLowerCase();
  const candidates = users.flatMap((u) => [
    ...(u.email && u.email.toLowerCase().includes(q) ? [{ user: u, type: "email" as const, value: u.email, verified: u.emailVerified }] : []),
    ...(u.phone && u.phone.includes(q) ? [{ user: u, type: "phone" as const, value: u.phone, verified: u.phoneVerified }] : []),
  ]);
  const values = candidates.map((c) => c.value);
  const last = values.length
    ? await db
        .select({ identifier: verifications.identifier, at: max(verifications.verifiedAt) })
        .from(verifications)
        .where(and(eq(verifications.appId, app.id), eq(verifications.status, "verified"), inArray(verifications.identifier, values)))
        .groupBy(verifications.identifier)
    : [];
  const lastAt = new Map(last.map((l) => [l.identifier, l.at]));
  const results = candidates.slice(0, limit).map((c) => {
    const at = lastAt.get(c.value);
    const name = [c.user.firstName, c.user.lastName].filter(Boolean).join(" ") || null;
    return {
      id: c.user.id,
      type: c.type,
      value: c.value,
      verified: c.verified,
      last_verified_at: at ? new Date(at).toISOString() : null,
      user: { id: c.user.id, name, email: c.user.email, phone: c.user.phone, status: c.user.status, created_at: c.user.createdAt.toISOString() },
    };
  });
  return { results, query: input.query, count: results.length };
}
