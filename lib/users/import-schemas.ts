/**
 * Bulk import and export shapes (spec §12.11 and the export route): limits,
 * the columns a CSV may carry, the documented JSON body and the report.
 */
import { z } from "zod";
import { optional } from "@/lib/api/fields";
import { UserMetaInput } from "@/lib/users/schemas";

/** Largest import request body (bytes) and most rows per request. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 10_000;

/** Columns (CSV) and keys (JSON) an imported row may set, besides declared meta fields. */
export const IMPORT_COLUMNS = ["email", "phone", "first_name", "middle_name", "last_name", "name", "external_id"] as const;

/**
 * Read-only columns the export writes. The import accepts them and ignores
 * them (never applied: imported users are always `imported` and unverified),
 * so an export imports back as is; the report lists them in `ignored_columns`.
 */
export const EXPORT_ONLY_COLUMNS = [
  "id",
  "status",
  "email_verified",
  "phone_verified",
  "passkey_count",
  "login_count",
  "created_at",
  "last_login_at",
] as const;

/** Meta values may also arrive as `user_meta.<field_name>` columns (the export uses it when a field_name collides with a column above). */
export const META_COLUMN_PREFIX = "user_meta.";

const ImportRow = z
  .looseObject({
    email: z.string().describe("Required; normalised (trimmed, lower-cased)"),
    phone: optional(z.string()).describe("Parsed to E.164 (international format with +)"),
    first_name: optional(z.string()),
    middle_name: optional(z.string()),
    last_name: optional(z.string()),
    name: optional(z.string()).describe("Full name, split into first and last name when those are absent"),
    external_id: optional(z.string()),
    user_meta: optional(UserMetaInput),
  })
  .meta({ id: "ImportUserRow", description: "One user to import (spec §12.11)." });

/**
 * Documented request body. The route reads the body itself (CSV is streamed):
 * `text/csv`, `multipart/form-data` with a `file` (CSV with a header row, or a
 * `.json` array), or JSON with `users` or `csv`.
 */
export const ImportUsersBody = z
  .object({
    users: optional(z.array(ImportRow).max(MAX_IMPORT_ROWS)),
    csv: optional(z.string()).describe("CSV text with a header row (an `email` column is required)"),
  })
  .describe("JSON `{ users: [...] }` or `{ csv }`; also text/csv, or multipart/form-data with `file`.");

export const ImportRowError = z.object({
  line: z.number().int().describe("CSV: line in the file (the header is line 1). JSON: position in `users` (1-based)"),
  email: z.string().nullable(),
  error: z.string(),
  error_code: z.string(),
  column: z.string().nullable().describe("The column or field at fault, when there is one"),
  skipped: z.boolean().describe("true when the row was valid but the user already exists"),
});
export type ImportRowErrorObject = z.output<typeof ImportRowError>;

export const ImportUsersResponse = z.object({
  imported_count: z.number().int(),
  skipped_count: z.number().int().describe("Existing users left untouched (each also listed in errors)"),
  error_count: z.number().int().describe("Rows refused for bad data"),
  total_rows: z.number().int(),
  errors: z.array(ImportRowError),
  ignored_columns: z.array(z.string()).describe("Read-only export columns present in the file and ignored"),
});
export type ImportReport = z.output<typeof ImportUsersResponse>;

export const ExportUsersQuery = z.object({
  format: optional(z.enum(["csv", "json"])).default("csv"),
});
