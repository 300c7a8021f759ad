/**
 * Bulk user import (spec §12.11, threats T31). The body is read here, not by
 * the route wrapper: CSV (text/csv, a multipart `file`, or `{ csv }`) is
 * parsed while streaming with csv-parse, JSON as `{ users: [...] }` or a
 * `.json` file holding an array. Byte (10 MB) and row (10,000) limits are
 * enforced while reading, so an oversized request is refused before anything
 * is written. Each row is then validated on its own (email normalised, phone
 * to E.164, names bounded, meta typed against the app's fields); bad rows are
 * reported with their line and reason, duplicates in the file and existing
 * users are reported and skipped, and the good rows are inserted in batches
 * as `imported`, unverified users. No email is ever sent.
 */
import { Readable } from "node:stream";
import { type Options as CsvOptions, parse as parseCsv } from "csv-parse";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers, baseUsers } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail, parsePhone } from "@/lib/identifiers/parse-identifier";
import { listMetaFields, type MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { appForActor } from "@/lib/tenancy";
import {
  EXPORT_ONLY_COLUMNS,
  IMPORT_COLUMNS,
  type ImportReport,
  type ImportRowErrorObject,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  META_COLUMN_PREFIX,
} from "@/lib/users/import-schemas";

const BATCH_SIZE = 500;
const MAX_TEXT = 256;
const MAX_META_KEYS = 50;
const MAX_META_BYTES = 8 * 1024;
/** Most unterminated quotes recovered from in one file before it is refused. */
const MAX_QUOTE_RECOVERIES = 50;

type StandardColumn = (typeof IMPORT_COLUMNS)[number];
const STANDARD = new Set<string>(IMPORT_COLUMNS);
const EXPORT_ONLY = new Set<string>(EXPORT_ONLY_COLUMNS);

/** A row as read from the file, before validation. */
interface RawRow {
  line: number;
  values: Partial<Record<StandardColumn, unknown>>;
  meta: Record<string, unknown> | undefined;
}

interface ValidRow {
  line: number;
  email: string;
  phone: string | null;
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  externalId: string | null;
  meta: Record<string, unknown>;
}

interface ReadResult {
  rows: RawRow[];
  /** Rows that could not even be read (CSV syntax, JSON shape). */
  errors: ImportRowErrorObject[];
  ignoredColumns: Set<string>;
}

const rowError = (
  line: number,
  email: unknown,
  error: string,
  errorCode: string,
  column: string | null = null,
  skipped = false,
): ImportRowErrorObject => ({
  line,
  email: typeof email === "string" && email.trim() !== "" ? email.trim().slice(0, 320) : null,
  error,
  error_code: errorCode,
  column,
  skipped,
});

// ---------------------------------------------------------------- reading

/** The body's bytes, counted while streaming; 413 past the limit whatever Content-Length says. */
async function* limitedBody(request: Request): AsyncGenerator<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared && Number(declared) > MAX_IMPORT_BYTES) throw new AppError({ code: "payload_too_large", message: importTooLarge });
  if (!request.body) return;
  const reader = request.body.getReader();
  let size = 0;
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      size += value.byteLength;
      if (size > MAX_IMPORT_BYTES) throw new AppError({ code: "payload_too_large", message: importTooLarge });
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
}
const importTooLarge = `An import request may be at most ${MAX_IMPORT_BYTES / (1024 * 1024)} MB; split the file`;

async function readAll(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const c of chunks) {
    parts.push(c);
    size += c.byteLength;
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}

const notUtf8 = () =>
  new AppError({ code: "invalid_body", message: "The file is not valid UTF-8 text (save it as UTF-8; UTF-16 is not supported)" });

/** UTF-8 text chunks of a byte stream; 400 on invalid UTF-8 or NUL characters (e.g. a UTF-16 file). */
async function* utf8Text(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const check = (s: string) => {
    if (s.includes("\u0000")) throw notUtf8();
    return s;
  };
  try {
    for await (const c of chunks) {
      const s = decoder.decode(c, { stream: true });
      if (s) yield check(s);
    }
    const tail = decoder.decode();
    if (tail) yield check(tail);
  } catch (error) {
    if (error instanceof TypeError) throw notUtf8();
    throw error;
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    if (text.includes("\u0000")) throw notUtf8();
    return text;
  } catch (error) {
    if (error instanceof TypeError) throw notUtf8();
    throw error;
  }
}

const tooManyRows = () =>
  new AppError({ code: "too_many_rows", message: `An import may hold at most ${MAX_IMPORT_ROWS} rows; split the file` });

const blankRecord = (record: string[]) => record.every((c) => c.trim() === "");

/** A meta value from a CSV cell: export-neutralised formulas (`'=…`) lose their apostrophe. */
const unneutralise = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

/** How each CSV column is read. */
type ColumnKind = { kind: "standard"; name: StandardColumn } | { kind: "meta"; name: string } | { kind: "ignored" };

function headerPlan(header: string[], fields: readonly MetaFieldRow[], ignored: Set<string>): ColumnKind[] {
  const metaNames = new Set(fields.map((f) => f.fieldName));
  const seen = new Set<string>();
  const unknown: string[] = [];
  const plan = header.map((raw): ColumnKind => {
    const name = raw.trim();
    const lower = name.toLowerCase();
    if (name === "") return { kind: "ignored" };
    if (seen.has(lower)) {
      throw new AppError({ code: "bad_request", message: `Column ${name} appears twice in the header`, errors: { [name]: ["appears twice"] } });
    }
    seen.add(lower);
    if (STANDARD.has(lower)) return { kind: "standard", name: lower as StandardColumn };
    if (EXPORT_ONLY.has(lower)) {
      ignored.add(lower);
      return { kind: "ignored" };
    }
    const metaName = lower.startsWith(META_COLUMN_PREFIX) ? name.slice(META_COLUMN_PREFIX.length) : name;
    if (metaNames.has(metaName)) return { kind: "meta", name: metaName };
    unknown.push(name);
    return { kind: "ignored" };
  });
  if (!plan.some((c) => c.kind === "standard" && c.name === "email")) {
    throw new AppError({ code: "missing_column", message: "The CSV needs an email column", errors: { email: ["column is required"] } });
  }
  if (unknown.length) {
    throw new AppError({
      code: "unknown_column",
      message: `Unknown column${unknown.length > 1 ? "s" : ""} ${unknown.slice(0, 10).join(", ")}: columns must be ${IMPORT_COLUMNS.join(", ")} or a declared meta field_name`,
      errors: Object.fromEntries(unknown.slice(0, 50).map((c) => [c, ["is not a known column or declared meta field"]])),
    });
  }
  return plan;
}

function csvRow(line: number, record: string[], plan: ColumnKind[]): RawRow | ImportRowErrorObject {
  const emailAt = plan.findIndex((c) => c.kind === "standard" && c.name === "email");
  if (record.length !== plan.length) {
    return rowError(line, record[emailAt], `The row has ${record.length} cells; the header has ${plan.length}`, "malformed_row");
  }
  const values: RawRow["values"] = {};
  const meta: Record<string, unknown> = {};
  plan.forEach((col, i) => {
    const cell = record[i] ?? "";
    if (col.kind === "standard") {
      if (cell.trim() !== "") values[col.name] = unneutralise(cell);
    } else if (col.kind === "meta") {
      if (cell !== "") meta[col.name] = unneutralise(cell);
    }
  });
  return { line, values, meta };
}

/**
 * Parse CSV text chunks. Records are read while streaming; the text is kept
 * (at most the byte limit) so that after an unterminated quote, which
 * swallows the rest of the file, parsing resumes on the line after it.
 */
async function readCsv(text: AsyncIterable<string>, fields: readonly MetaFieldRow[]): Promise<ReadResult> {
  const rows: RawRow[] = [];
  const errors: ImportRowErrorObject[] = [];
  const ignoredColumns = new Set<string>();
  let plan: ColumnKind[] | null = null;
  let dataRows = 0;
  const kept: string[] = [];

  async function pass(source: AsyncIterable<string> | Iterable<string>, lineOffset: number): Promise<number | null> {
    // Tracked inside the parser's callbacks, which run in parsing order (the
    // consumer below may lag behind): the last line of the last good record.
    let lastEnd = 0;
    let unclosedAt: number | null = null;
    const options: CsvOptions<{ record: string[]; line: number }, string[]> = {
      bom: lineOffset === 0,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      skip_records_with_error: true,
      max_record_size: 256 * 1024,
      on_record: (record: string[], context) => {
        lastEnd = context.lines;
        // A record ends on `lines`; quoted cells may span lines.
        const spanned = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
        return { record, line: lineOffset + context.lines - spanned };
      },
      on_skip: (err): undefined => {
        if (!err) return undefined;
        if (err.code === "CSV_QUOTE_NOT_CLOSED") {
          unclosedAt = lineOffset + lastEnd + 1;
          return undefined;
        }
        errors.push(rowError(lineOffset + lastEnd + 1, null, `The CSV row could not be parsed (${err.code})`, "malformed_row"));
        if (typeof err.lines === "number") lastEnd = err.lines;
        return undefined;
      },
    };
    // csv-parse's typings only let on_record reshape records when `columns` is set.
    const parser = parseCsv(options as unknown as CsvOptions);
    const input = Readable.from(source);
    input.on("error", (e) => parser.destroy(e));
    input.pipe(parser);
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; line: number }>) {
        const { record, line } = item;
        if (blankRecord(record)) continue;
        if (plan === null) {
          plan = headerPlan(record, fields, ignoredColumns);
          continue;
        }
        if (++dataRows > MAX_IMPORT_ROWS) throw tooManyRows();
        const row = csvRow(line, record, plan);
        if ("error" in row) errors.push(row);
        else rows.push(row);
      }
    } catch (error) {
      input.destroy();
      if (error instanceof AppError) throw error;
      throw new AppError({ code: "bad_request", message: `The CSV could not be parsed near line ${lineOffset + lastEnd + 1}` });
    }
    return unclosedAt;
  }

  async function* keep(source: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const s of source) {
      kept.push(s);
      yield s;
    }
  }

  let unclosed = await pass(keep(text), 0);
  if (plan === null) throw new AppError("empty_file");
  let recoveries = 0;
  let lines: string[] | null = null;
  while (unclosed !== null) {
    if (++recoveries > MAX_QUOTE_RECOVERIES) {
      throw new AppError({ code: "bad_request", message: `The CSV has more than ${MAX_QUOTE_RECOVERIES} unterminated quotes` });
    }
    errors.push(rowError(unclosed, null, "The row has an unterminated quote", "malformed_row"));
    lines ??= kept.join("").split("\n");
    const rest = lines.slice(unclosed);
    if (rest.length === 0 || rest.every((l) => l.trim() === "")) break;
    unclosed = await pass([rest.join("\n")], unclosed);
  }
  return { rows, errors, ignoredColumns };
}

/** Whether every string (keys included) can be stored: no NUL, no lone surrogate (Postgres jsonb refuses both). */
function storable(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.includes("\u0000") || !v.isWellFormed()) return false;
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) stack.push(k, child);
    }
  }
  return true;
}

function readJsonRows(value: unknown): ReadResult {
  if (!Array.isArray(value)) {
    throw new AppError({ code: "bad_request", message: "users must be an array of user objects", errors: { users: ["must be an array"] } });
  }
  if (value.length > MAX_IMPORT_ROWS) throw tooManyRows();
  const rows: RawRow[] = [];
  const errors: ImportRowErrorObject[] = [];
  const ignoredColumns = new Set<string>();
  value.forEach((item, i) => {
    const line = i + 1;
    if (!item || typeof item !== "object" || Array.isArray(item)) {
      errors.push(rowError(line, null, "Each user must be an object", "malformed_row"));
      return;
    }
    if (!storable(item)) {
      errors.push(rowError(line, null, "The row contains a NUL character or invalid Unicode", "malformed_row"));
      return;
    }
    const values: RawRow["values"] = {};
    let meta: Record<string, unknown> | undefined;
    for (const [key, v] of Object.entries(item)) {
      if (STANDARD.has(key)) {
        if (v !== null && v !== undefined && v !== "") values[key as StandardColumn] = v;
      } else if (EXPORT_ONLY.has(key)) {
        ignoredColumns.add(key);
      } else if (key === "user_meta" || key === "meta") {
        if (v === null || v === undefined) continue;
        if (typeof v !== "object" || Array.isArray(v)) {
          errors.push(rowError(line, (item as { email?: unknown }).email, "user_meta must be an object", "user_meta_invalid", key));
          return;
        }
        meta = v as Record<string, unknown>;
      } else {
        errors.push(rowError(line, (item as { email?: unknown }).email, `Unknown field ${key.slice(0, 64)}`, "unknown_field", key.slice(0, 64)));
        return;
      }
    }
    rows.push({ line, values, meta });
  });
  return { rows, errors, ignoredColumns };
}

function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json");
  }
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/** Read the request body into rows, by content type (spec §12.11). */
async function readImport(request: Request, fields: readonly MetaFieldRow[]): Promise<ReadResult> {
  const contentType = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const body = limitedBody(request);
  if (contentType === "text/csv" || contentType === "application/csv") {
    return readCsv(utf8Text(body), fields);
  }
  if (contentType === "" || contentType === "application/json" || contentType.endsWith("+json")) {
    const text = decodeUtf8(await readAll(body));
    if (text.trim() === "") throw new AppError({ code: "bad_request", message: "Send users (JSON), csv, or a CSV/JSON file" });
    const parsed = parseJsonText(text);
    if (Array.isArray(parsed)) return readJsonRows(parsed);
    if (!parsed || typeof parsed !== "object") throw new AppError({ code: "invalid_json", message: "The request body must be a JSON object" });
    const { users, csv } = parsed as { users?: unknown; csv?: unknown };
    if (users !== undefined) return readJsonRows(users);
    if (typeof csv === "string") {
      if (csv.trim() === "") throw new AppError("empty_file");
      if (csv.includes("\u0000") || !csv.isWellFormed()) throw notUtf8();
      return readCsv(once(csv), fields);
    }
    throw new AppError({ code: "bad_request", message: "Send users (an array) or csv (CSV text)", errors: { users: ["is required"] } });
  }
  if (contentType === "multipart/form-data") {
    const bytes = await readAll(body);
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": request.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new AppError({ code: "invalid_body", message: "The multipart body could not be parsed" });
    }
    const file = form.get("file");
    if (file && typeof file !== "string") {
      if (file.size === 0) throw new AppError("empty_file");
      const isJson = file.type === "application/json" || file.name.toLowerCase().endsWith(".json");
      if (isJson) {
        const parsed = parseJsonText(decodeUtf8(new Uint8Array(await file.arrayBuffer())));
        const users = Array.isArray(parsed) ? parsed : (parsed as { users?: unknown } | null)?.users;
        return readJsonRows(users);
      }
      return readCsv(utf8Text(Readable.from(file.stream() as unknown as AsyncIterable<Uint8Array>)), fields);
    }
    const csv = typeof file === "string" ? file : form.get("csv");
    if (typeof csv === "string") {
      if (csv.trim() === "") throw new AppError("empty_file");
      return readCsv(once(csv), fields);
    }
    throw new AppError({ code: "bad_request", message: "Attach the CSV or JSON file as file", errors: { file: ["is required"] } });
  }
  throw new AppError({ code: "unsupported_media_type", message: "Send text/csv, multipart/form-data (file) or application/json" });
}

// ---------------------------------------------------------------- validation

function textValue(v: unknown, max = MAX_TEXT): { ok: true; value: string | null } | { ok: false; message: string } {
  if (v === undefined || v === null) return { ok: true, value: null };
  if (typeof v !== "string" && typeof v !== "number") return { ok: false, message: "must be text" };
  const s = String(v).trim();
  if (s === "") return { ok: true, value: null };
  if (s.length > max) return { ok: false, message: `must be at most ${max} characters` };
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s) || !s.isWellFormed()) {
    return { ok: false, message: "must not contain control characters" };
  }
  return { ok: true, value: s };
}

function validateRow(raw: RawRow, fields: readonly MetaFieldRow[]): ValidRow | ImportRowErrorObject {
  const { line, values } = raw;
  const rawEmail = values.email;
  if (rawEmail === undefined) return rowError(line, null, "Email is required", "email_required", "email");
  const email = typeof rawEmail === "string" ? parseEmail(rawEmail) : null;
  if (!email) return rowError(line, rawEmail, "Identifier invalid", "invalid_email", "email");

  let phone: string | null = null;
  if (values.phone !== undefined) {
    phone = typeof values.phone === "string" ? parsePhone(values.phone) : null;
    if (!phone) return rowError(line, email.normalized, "Phone number is invalid (use international format, e.g. +14155552671)", "invalid_phone", "phone");
  }

  const text: Partial<Record<StandardColumn, string | null>> = {};
  for (const col of ["first_name", "middle_name", "last_name", "name", "external_id"] as const) {
    const r = textValue(values[col]);
    if (!r.ok) return rowError(line, email.normalized, `${col} ${r.message}`, "invalid_value", col);
    text[col] = r.value;
  }
  let firstName = text.first_name ?? null;
  let lastName = text.last_name ?? null;
  if (text.name && !firstName && !lastName) {
    const [first, ...rest] = text.name.split(/\s+/);
    firstName = first ?? null;
    lastName = rest.join(" ") || null;
  }

  const meta = raw.meta ?? {};
  const keys = Object.keys(meta);
  if (keys.length > MAX_META_KEYS || JSON.stringify(meta).length > MAX_META_BYTES) {
    return rowError(line, email.normalized, `user_meta must have at most ${MAX_META_KEYS} keys and ${MAX_META_BYTES} bytes`, "user_meta_invalid", "user_meta");
  }
  const checked = validateUserMeta(fields, meta);
  const problems = Object.entries(checked.errors);
  if (problems.length) {
    const [key] = problems[0] ?? [""];
    const message = problems.map(([k, msgs]) => `${k.slice(0, 64)} ${msgs.join(", ")}`).join("; ");
    return rowError(line, email.normalized, `user_meta invalid: ${message}`, "user_meta_invalid", key.slice(0, 64));
  }
  for (const [k, v] of Object.entries(checked.valid)) if (v === null) delete checked.valid[k];

  return {
    line,
    email: email.normalized,
    phone,
    firstName,
    middleName: text.middle_name ?? null,
    lastName,
    externalId: text.external_id ?? null,
    meta: checked.valid,
  };
}

/** Duplicates inside the file: the first occurrence wins, later ones are reported. */
function dropDuplicates(rows: ValidRow[], errors: ImportRowErrorObject[]): ValidRow[] {
  const seen = { email: new Map<string, number>(), phone: new Map<string, number>(), external_id: new Map<string, number>() };
  return rows.filter((r) => {
    const keys = [
      ["email", r.email],
      ["phone", r.phone],
      ["external_id", r.externalId],
    ] as const;
    for (const [column, value] of keys) {
      if (value === null) continue;
      const first = seen[column].get(value);
      if (first !== undefined) {
        errors.push(rowError(r.line, r.email, `Duplicate ${column} of line ${first}`, "duplicate_row", column));
        return false;
      }
    }
    for (const [column, value] of keys) if (value !== null) seen[column].set(value, r.line);
    return true;
  });
}

// ---------------------------------------------------------------- writing

async function insertBatch(ctx: Ctx, app: AppRow, batch: ValidRow[], errors: ImportRowErrorObject[]): Promise<{ imported: number; skipped: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const emails = batch.map((r) => r.email);
    const phones = batch.flatMap((r) => (r.phone ? [r.phone] : []));
    const externalIds = batch.flatMap((r) => (r.externalId ? [r.externalId] : []));
    const lowerEmail = sql<string>`lower(${appUsers.email})`;
    const takenEmails = new Set(
      (await tx.select({ email: lowerEmail }).from(appUsers).where(and(eq(appUsers.appId, app.id), inArray(lowerEmail, emails)))).map((r) => r.email),
    );
    const takenPhones = new Set(
      phones.length
        ? (await tx.select({ phone: appUsers.phone }).from(appUsers).where(and(eq(appUsers.appId, app.id), inArray(appUsers.phone, phones)))).map((r) => r.phone)
        : [],
    );
    const takenExternal = new Set(
      externalIds.length
        ? (await tx.select({ id: appUsers.externalId }).from(appUsers).where(and(eq(appUsers.appId, app.id), inArray(appUsers.externalId, externalIds)))).map((r) => r.id)
        : [],
    );

    let skipped = 0;
    const fresh = batch.filter((r) => {
      if (takenEmails.has(r.email)) {
        skipped++;
        errors.push(rowError(r.line, r.email, "A user with this email already exists; skipped", "identifier_taken", "email", true));
        return false;
      }
      if (r.phone && takenPhones.has(r.phone)) {
        errors.push(rowError(r.line, r.email, "Another user already has this phone number", "phone_taken", "phone"));
        return false;
      }
      if (r.externalId && takenExternal.has(r.externalId)) {
        errors.push(rowError(r.line, r.email, "External id already taken", "external_id_taken", "external_id"));
        return false;
      }
      return true;
    });
    if (fresh.length === 0) return { imported: 0, skipped };

    await tx
      .insert(baseUsers)
      .values(fresh.map((r) => ({ workspaceId: app.workspaceId, email: r.email, createdAt: ctx.now, updatedAt: ctx.now })))
      .onConflictDoNothing();
    const baseLower = sql<string>`lower(${baseUsers.email})`;
    const bases = new Map(
      (
        await tx
          .select({ id: baseUsers.id, email: baseLower })
          .from(baseUsers)
          .where(and(eq(baseUsers.workspaceId, app.workspaceId), inArray(baseLower, fresh.map((r) => r.email))))
      ).map((b) => [b.email, b.id]),
    );

    const values = fresh.flatMap((r) => {
      const baseUserId = bases.get(r.email);
      if (!baseUserId) {
        errors.push(rowError(r.line, r.email, "The user could not be created", "conflict", "email"));
        return [];
      }
      return [
        {
          appId: app.id,
          baseUserId,
          status: "imported" as const,
          email: r.email,
          phone: r.phone,
          firstName: r.firstName,
          middleName: r.middleName,
          lastName: r.lastName,
          externalId: r.externalId,
          meta: Object.keys(r.meta).length ? r.meta : null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        },
      ];
    });
    if (values.length === 0) return { imported: 0, skipped };
    const inserted = new Set(
      (await tx.insert(appUsers).values(values).onConflictDoNothing().returning({ email: appUsers.email })).map((r) => r.email),
    );
    for (const r of fresh) {
      if (bases.has(r.email) && !inserted.has(r.email)) {
        // Lost a race with a concurrent write of the same email, phone or external id.
        skipped++;
        errors.push(rowError(r.line, r.email, "A user with this email, phone or external id already exists; skipped", "identifier_taken", null, true));
      }
    }
    return { imported: inserted.size, skipped };
  });
}

export interface ImportUsersInput {
  /** The `{app_id}` path value. */
  appId: string;
  /** The request whose body holds the import (read here, after the credential was checked). */
  request: Request;
}

/** Import users into an app (spec §12.11); see the module comment. Records one `user.imported` event. */
export async function importUsers({ ctx, input }: { ctx: Ctx; input: ImportUsersInput }): Promise<ImportReport> {
  const app = await appForActor(ctx, input.appId);
  const fields = await listMetaFields(app.id);
  const read = await readImport(input.request, fields);

  const errors = [...read.errors];
  const valid: ValidRow[] = [];
  for (const raw of read.rows) {
    const r = validateRow(raw, fields);
    if ("error" in r) errors.push(r);
    else valid.push(r);
  }
  const unique = dropDuplicates(valid, errors);

  let imported = 0;
  let skipped = 0;
  for (let i = 0; i < unique.length; i += BATCH_SIZE) {
    const result = await insertBatch(ctx, app, unique.slice(i, i + BATCH_SIZE), errors);
    imported += result.imported;
    skipped += result.skipped;
  }

  const totalRows = read.rows.length + read.errors.length;
  const report: ImportReport = {
    imported_count: imported,
    skipped_count: skipped,
    error_count: errors.length - skipped,
    total_rows: totalRows,
    errors: errors.sort((a, b) => a.line - b.line),
    ignored_columns: [...read.ignoredColumns].sort(),
  };
  const db = await getDb();
  await recordEvent(db, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    slug: "user.imported",
    params: { imported_count: imported, skipped_count: skipped, error_count: report.error_count, total_rows: totalRows },
  });
  return report;
}
