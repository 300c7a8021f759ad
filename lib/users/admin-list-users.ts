import { and, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { parsePhone } from "@/lib/identifiers/parse-identifier";
import { isUuid } from "@/lib/ids";
import { appForActor } from "@/lib/tenancy";
import { DEFAULT_PER_PAGE, type ListUsersQuery } from "@/lib/users/admin-schemas";
import { adminUsersData } from "@/lib/users/admin-user-data";

/**
 * Fuzzy-search threshold for `word_similarity` (pg_trgm's default is 0.6).
 * At 0.3 a swapped or missing letter in a short name still matches
 * ("smtih" → "smith" scores 0.33); results are ranked, so looser matches sink.
 */
export const SEARCH_WORD_SIMILARITY = 0.3;

/** Fewer exact matches than this (one default page) and the search broadens to typo-tolerant matching. */
export const BROADEN_BELOW = 25;

/**
 * A page past the end of a search counts its matches on its own, up to this
 * many (shared/perf/targets.md §3.1: an exact count of a huge match set costs
 * a scan of all of it).
 */
export const SEARCH_COUNT_CAP = 10_000;

async function countCapped(db: Executor, where: SQL | undefined): Promise<number> {
  const matched = db.select({ one: sql`1` }).from(appUsers).where(where).limit(SEARCH_COUNT_CAP).as("matched");
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(matched);
  return Number(row?.n ?? 0);
}

export interface UserListPage {
  users: Record<string, unknown>[];
  total_pages: number;
  current_page: number;
  next_page: number | null;
  prev_page: number | null;
  per_page: number;
  total_count: number;
}

/** Escape LIKE wildcards so that `%` and `_` in a search term match literally (threats §3.12). */
export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The normalised search term: lower-cased (search_text is), whitespace collapsed; null when blank. */
export function searchTerm(raw: string | undefined): string | null {
  const term = (raw ?? "").trim().replace(/\s+/g, " ").toLowerCase();
  return term ? term : null;
}

/** Exact substring match (LIKE, wildcards escaped); with 3+ characters served by app_users_search_trgm_idx. */
export function substringClause(term: string): SQL {
  return sql`${appUsers.searchText} like ${`%${escapeLike(term)}%`}`;
}

/** Matches at the start of a word rank before matches inside one (cheap: two more LIKEs on the matched rows). */
function wordStartRank(term: string): SQL {
  const t = escapeLike(term);
  return sql`(case when ${appUsers.searchText} like ${`${t}%`} or ${appUsers.searchText} like ${`% ${t}%`} then 1 else 0 end)`;
}

/**
 * The typo-tolerant match: word similarity above the transaction's threshold
 * (`%>`) or an exact substring, both served by app_users_search_trgm_idx.
 * Ranked exact substrings first, then by word similarity.
 */
export function fuzzyClause(term: string): { match: SQL; rank: SQL } {
  const substring = substringClause(term);
  return {
    match: sql`(${appUsers.searchText} %> ${term} or ${substring})`,
    rank: sql`(case when ${substring} then 1 else 0 end + word_similarity(${term}, ${appUsers.searchText}))`,
  };
}

/**
 * List an app's users (spec §12.4): exact filters, `created_before`, status,
 * and a fuzzy `search` over names, email and phone ranked by relevance, with
 * the flat page meta of §1.7. Without a search, newest first
 * (app_users_app_list_idx / app_users_app_status_idx).
 *
 * A term of one or two characters has no trigram: it matches as a substring
 * in newest-first order (the list index, stopping at a page), counted up to
 * SEARCH_COUNT_CAP. Longer terms run in two tiers over the trigram index on
 * `search_text` (app_users_search_trgm_idx): first exact substrings (`LIKE '%term%'`,
 * cheap: only the term's own trigrams), and when that finds fewer than
 * BROADEN_BELOW users, a typo-tolerant match
 * (`%>` word similarity ≥ SEARCH_WORD_SIMILARITY, or a substring) ranked by
 * relevance. The decision depends on the term only, so every page of one
 * search uses the same tier. A search page counts its matches in the same
 * statement (the ranking reads them all anyway); only a page past the end
 * counts separately, up to SEARCH_COUNT_CAP. Both forms are
 * indexable only when the planner sees the term: postgres.js prepares
 * statements and a generic plan would walk the list index instead
 * (shared/perf/targets.md §2.6), so the search runs in a transaction with
 * `plan_cache_mode = force_custom_plan`.
 */
export async function adminListUsers({ ctx, input }: { ctx: Ctx; input: { appId: string; query: ListUsersQuery } }): Promise<UserListPage> {
  const app = await appForActor(ctx, input.appId);
  const q = input.query;
  const perPage = q.limit ?? q.per_page ?? DEFAULT_PER_PAGE;
  const page = q.page ?? 1;
  const empty = (): UserListPage => ({
    users: [],
    total_pages: 0,
    current_page: page,
    next_page: null,
    prev_page: page > 1 ? page - 1 : null,
    per_page: perPage,
    total_count: 0,
  });

  const conds: SQL[] = [eq(appUsers.appId, app.id)];
  if (q.id !== undefined) {
    // Not a uuid: no user can have it (and Postgres would refuse the cast).
    if (!isUuid(q.id.trim())) return empty();
    conds.push(eq(appUsers.id, q.id.trim()));
  }
  if (q.email !== undefined) conds.push(sql`lower(${appUsers.email}) = ${q.email.trim().toLowerCase()}`);
  if (q.phone !== undefined) conds.push(eq(appUsers.phone, parsePhone(q.phone) ?? q.phone.trim()));
  if (q.external_id !== undefined) conds.push(eq(appUsers.externalId, q.external_id));
  if (q.status !== undefined) conds.push(eq(appUsers.status, q.status));
  if (q.created_before !== undefined) conds.push(lt(appUsers.createdAt, new Date(q.created_before)));

  const term = searchTerm(q.search ?? q.q);
  const newestFirst = [desc(appUsers.createdAt), desc(appUsers.id)];

  const page_ = async (db: Executor, where: SQL | undefined, order: SQL[], total: number) =>
    total > (page - 1) * perPage
      ? db
          .select()
          .from(appUsers)
          .where(where)
          .orderBy(...order)
          .limit(perPage)
          .offset((page - 1) * perPage)
      : [];

  const db = await getDb();
  let total: number;
  let users: Record<string, unknown>[];
  if (!term) {
    const where = and(...conds);
    const [counted] = await db.select({ n: sql<number>`count(*)::int` }).from(appUsers).where(where);
    total = Number(counted?.n ?? 0);
    users = await adminUsersData(app, await page_(db, where, newestFirst, total), ctx.now, db);
  } else {
    // A ranked search reads every match to order it, so the page carries its own
    // total (`count(*) over ()`): one index scan per tier instead of two.
    const rankedPage = async (tx: Executor, where: SQL | undefined, order: SQL[]) => {
      const rows = await tx
        .select({ user: appUsers, total: sql<number>`count(*) over ()` })
        .from(appUsers)
        .where(where)
        .orderBy(...order)
        .limit(perPage)
        .offset((page - 1) * perPage);
      const first = rows[0];
      if (first) return { total: Number(first.total), rows: rows.map((r) => r.user) };
      // Past the last page: the window saw no row, so count on its own.
      return { total: page === 1 ? 0 : await countCapped(tx, where), rows: [] };
    };
    ({ total, users } = await db.transaction(async (tx) => {
      await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
      if (term.length < 3) {
        // No trigram to use: such terms are common, so walk the newest-first
        // list index and stop at a page (shared/perf/targets.md §3.1), counting up to the cap.
        const where = and(...conds, substringClause(term));
        const n = await countCapped(tx, where);
        return { total: n, users: await adminUsersData(app, await page_(tx, where, newestFirst, n), ctx.now, tx) };
      }
      // Tier 1: exact substrings, word starts first, then newest.
      let found = await rankedPage(tx, and(...conds, substringClause(term)), [desc(wordStartRank(term)), ...newestFirst]);
      // Tier 2, when that finds little (a misspelling, words out of order): typo-tolerant, by relevance.
      if (found.total < BROADEN_BELOW) {
        await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(SEARCH_WORD_SIMILARITY)}, true)`);
        // The planner prices word_similarity like a plain comparison and may pick a scan computing it on every row.
        await tx.execute(sql`set local enable_seqscan = off`);
        const fuzzy = fuzzyClause(term);
        found = await rankedPage(tx, and(...conds, fuzzy.match), [desc(fuzzy.rank), ...newestFirst]);
      }
      return { total: found.total, users: await adminUsersData(app, found.rows, ctx.now, tx) };
    }));
  }

  const totalPages = Math.ceil(total / perPage);
  return {
    users,
    total_pages: totalPages,
    current_page: page,
    next_page: page < totalPages ? page + 1 : null,
    prev_page: page > 1 ? page - 1 : null,
    per_page: perPage,
    total_count: total,
  };
}
