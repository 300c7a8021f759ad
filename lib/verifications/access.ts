/**
 * Which verifications a caller may see (spec §15, threats T20): m2m and
 * secret callers any of the route's app; a user caller only those addressed
 * to them. Anything else is 404, like an id that does not exist.
 */
import { and, eq, inArray, type SQL } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers, verifications } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { AppUserRow } from "@/lib/users/serialize";
import { toVerification } from "@/lib/verifications/serialize";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/** The tenant (and, for users, recipient) filter of a caller's verifications. */
export function callerScope(principal: VerifyCallerPrincipal): SQL {
  const app = eq(verifications.appId, principal.app.id);
  if (principal.kind !== "user") return app;
  return and(app, eq(verifications.toAppUserId, principal.user.user.id)) ?? app;
}

/** The caller's verification `id`, or 404 `verification_not_found`. */
export async function findVerificationForCaller(principal: VerifyCallerPrincipal, id: string, db?: Executor): Promise<VerificationRow> {
  if (!isUuid(id)) throw new AppError("verification_not_found");
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(verifications)
    .where(and(eq(verifications.id, id), callerScope(principal)))
    .limit(1);
  if (!row) throw new AppError("verification_not_found");
  return row;
}

/** Serialize rows with their recipients (one query for all). */
export async function serializeMany(app: AppRow, rows: VerificationRow[], db?: Executor): Promise<Record<string, unknown>[]> {
  const ids = [...new Set(rows.map((r) => r.toAppUserId).filter((v): v is string => v !== null))];
  const exec = db ?? (await getDb());
  const users: AppUserRow[] = ids.length
    ? await exec.select().from(appUsers).where(and(eq(appUsers.appId, app.id), inArray(appUsers.id, ids)))
    : [];
  const byId = new Map(users.map((u) => [u.id, u]));
  return rows.map((r) => toVerification(r, app, (r.toAppUserId && byId.get(r.toAppUserId)) || null));
}

export async function serializeOne(app: AppRow, row: VerificationRow, db?: Executor): Promise<Record<string, unknown>> {
  const [one] = await serializeMany(app, [row], db);
  if (!one) throw new Error("serialize returned nothing");
  return one;
}
