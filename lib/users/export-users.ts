/**
 * User export (against lock-in; threats T31): every user of an app as CSV or
 * JSON, streamed. Users are read in keyset pages of (created_at, id), oldest
 * first, so memory stays flat whatever the table size; each page carries its
 * users' passkey counts. Meta fields become columns (CSV) or `user_meta`
 * (JSON). CSV cells that a spreadsheet would run as a formula (leading `=`,
 * `+`, `-`, `@`, tab or CR) are prefixed with `'` and quoted (ASVS 5.0
 * 1.2.10); the import route removes that prefix again, so an export imports
 * back into another app as is.
 */
import { stringify } from "csv-stringify/sync";
import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, webauthnCredentials } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { log } from "@/lib/log";
import { listMetaFields, type MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";
import { appForActor } from "@/lib/tenancy";
import { EXPORT_ONLY_COLUMNS, IMPORT_COLUMNS, META_COLUMN_PREFIX } from "@/lib/users/import-schemas";
import type { AppUserRow } from "@/lib/users/serialize";

export const EXPORT_PAGE_SIZE = 500;

export type ExportFormat = "csv" | "json";

const FORMULA_START = /^[=+\-@\t\r]/;

/** A CSV cell that cannot run as a spreadsheet formula. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Standard columns first (the import's own), then read-only facts, then one per meta field. */
const STANDARD_COLUMNS = IMPORT_COLUMNS.filter((c) => c !== "name");
const CSV_BASE_COLUMNS = ["id", ...STANDARD_COLUMNS, ...EXPORT_ONLY_COLUMNS.filter((c) => c !== "id")];

function metaColumn(field: MetaFieldRow): string {
  return CSV_BASE_COLUMNS.includes(field.fieldName) ? `${META_COLUMN_PREFIX}${field.fieldName}` : field.fieldName;
}

interface ExportRow {
  user: AppUserRow;
  passkeys: number;
  /** `created_at` as Postgres text: the exact keyset cursor (microseconds included). */
  cursor: string;
}

function jsonUser(r: ExportRow): Record<string, unknown> {
  const u = r.user;
  return {
    id: u.id,
    email: u.email,
    phone: u.phone,
    first_name: u.firstName,
    middle_name: u.middleName,
    last_name: u.lastName,
    external_id: u.externalId,
    status: u.status,
    email_verified: u.emailVerified,
    phone_verified: u.phoneVerified,
    passkey_count: r.passkeys,
    login_count: u.loginCount,
    created_at: u.createdAt.toISOString(),
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
    user_meta: u.meta ?? {},
  };
}

const cellOf = (v: unknown): string => {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return JSON.stringify(v);
};

function csvCells(r: ExportRow, fields: readonly MetaFieldRow[]): string[] {
  const j = jsonUser(r);
  const meta = r.user.meta ?? {};
  return [...CSV_BASE_COLUMNS.map((c) => cellOf(j[c])), ...fields.map((f) => cellOf(meta[f.fieldName]))].map(neutraliseCell);
}

const csvLines = (rows: string[][]) => stringify(rows, { quoted_match: /^'/, eof: true, record_delimiter: "unix" });

/** One keyset page of users after `after` (oldest first), with passkey counts. */
async function page(app: AppRow, after: { cursor: string; id: string } | null): Promise<ExportRow[]> {
  const db = await getDb();
  const rows = await db
    .select({ user: appUsers, cursor: sql<string>`${appUsers.createdAt}::text` })
    .from(appUsers)
    .where(
      and(
        eq(appUsers.appId, app.id),
        after ? sql`(${appUsers.createdAt}, ${appUsers.id}) > (${after.cursor}::timestamptz, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(appUsers.createdAt), asc(appUsers.id))
    .limit(EXPORT_PAGE_SIZE);
  if (rows.length === 0) return [];
  const counts = new Map(
    (
      await db
        .select({ userId: webauthnCredentials.appUserId, n: count() })
        .from(webauthnCredentials)
        .where(and(eq(webauthnCredentials.appId, app.id), inArray(webauthnCredentials.appUserId, rows.map((r) => r.user.id))))
        .groupBy(webauthnCredentials.appUserId)
    ).map((c) => [c.userId, Number(c.n)]),
  );
  return rows.map((r) => ({ user: r.user, cursor: r.cursor, passkeys: counts.get(r.user.id) ?? 0 }));
}

export interface UserExport {
  contentType: string;
  filename: string;
  body: ReadableStream<Uint8Array>;
}

/** Export an app's users (see the module comment). The tenant check happens before the stream starts. */
export async function exportUsers({ ctx, input }: { ctx: Ctx; input: { appId: string; format: ExportFormat } }): Promise<UserExport> {
  const app = await appForActor(ctx, input.appId);
  const fields = await listMetaFields(app.id);
  const encoder = new TextEncoder();
  let after: { cursor: string; id: string } | null = null;
  let started = false;
  let done = false;
  let first = true;

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(
            encoder.encode(input.format === "csv" ? csvLines([[...CSV_BASE_COLUMNS, ...fields.map(metaColumn)]]) : '{"users":['),
          );
          return;
        }
        if (done) return;
        const rows = await page(app, after);
        const last = rows.at(-1);
        if (!last) {
          done = true;
          if (input.format === "json") controller.enqueue(encoder.encode("]}\n"));
          controller.close();
          return;
        }
        after = { cursor: last.cursor, id: last.user.id };
        if (input.format === "csv") {
          controller.enqueue(encoder.encode(csvLines(rows.map((r) => csvCells(r, fields)))));
        } else {
          const chunk = rows.map((r) => JSON.stringify(jsonUser(r))).join(",");
          controller.enqueue(encoder.encode((first ? "" : ",") + chunk));
          first = false;
        }
      } catch (error) {
        log.error("user export failed", { requestId: ctx.requestId, err: error instanceof Error ? error : String(error) });
        controller.error(error);
      }
    },
  });
  return {
    contentType: input.format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    filename: `users-${app.publicId}.${input.format}`,
    body,
  };
}
