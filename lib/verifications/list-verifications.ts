import { and, count, desc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { verifications } from "@/db/schema";
import { pageSize } from "@/lib/api/fields";
import type { Ctx } from "@/lib/context";
import { callerScope, serializeMany } from "@/lib/verifications/access";
import type { ListQueryInput } from "@/lib/verifications/schemas";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/** GET /v1/verify/{app_id}/verifications (spec §15.4): newest first, flat pagination; users see only theirs. */
export async function listVerifications({ ctx, input }: { ctx: Ctx; input: { principal: VerifyCallerPrincipal; query: ListQueryInput } }) {
  void ctx;
  const { principal, query } = input;
  const perPage = pageSize(query);
  const page = query.page;
  const where = and(
    callerScope(principal),
    query.status ? eq(verifications.status, query.status) : undefined,
    query.channel ? eq(verifications.channel, query.channel) : undefined,
  );
  const db = await getDb();
  // verifications_app_created_idx (app_id, created_at desc); users: verifications_to_user_idx.
  const rows = await db
    .select()
    .from(verifications)
    .where(where)
    .orderBy(desc(verifications.createdAt), desc(verifications.id))
    .limit(perPage)
    .offset((page - 1) * perPage);
  const [total] = await db.select({ n: count() }).from(verifications).where(where);
  const totalCount = Number(total?.n ?? 0);
  const totalPages = Math.max(1, Math.ceil(totalCount / perPage));
  return {
    verifications: await serializeMany(principal.app, rows, db),
    total_pages: totalPages,
    current_page: page,
    next_page: page < totalPages ? page + 1 : null,
    prev_page: page > 1 ? page - 1 : null,
    per_page: perPage,
    total_count: totalCount,
  };
}
