/**
 * Values of user meta fields are checked against the app's declared fields
 * wherever users are written (spec §7.2, §10.3, §12.2). Undeclared keys and
 * values of the wrong type are reported per key; valid keys are kept.
 */
import { parseEmail, parsePhone } from "@/lib/identifiers/parse-identifier";
import type { MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";
import { parseHttpUrl } from "@/lib/urls";

export interface MetaValidation {
  /** Valid values, coerced to their field type. */
  valid: Record<string, unknown>;
  /** Field name → problems (undeclared key, wrong type). */
  errors: Record<string, string[]>;
}

const BOOL_STRINGS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };

/** `YYYY-MM-DD` naming a real calendar day (2024-02-30 is refused, 2024-02-29 accepted). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * One value checked against its field's type (spec §13): the coerced value, or
 * why it was refused. `null` clears a value. Strings are kept verbatim
 * (formula-like text such as `=SUM(1)` is plain text here).
 */
export function coerceMetaValue(field: Pick<MetaFieldRow, "fieldType">, value: unknown) {
  return coerce(field, value);
}

function coerce(field: Pick<MetaFieldRow, "fieldType">, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
  if (value === null) return { ok: true, value: null };
  switch (field.fieldType) {
    case "string":
    case "text": {
      const max = field.fieldType === "string" ? 256 : 10_000;
      if (typeof value !== "string") return { ok: false, message: "must be a string" };
      if (value.length > max) return { ok: false, message: `must be at most ${max} characters` };
      return { ok: true, value };
    }
    case "boolean":
      if (typeof value === "boolean") return { ok: true, value };
      if (typeof value === "string" && Object.hasOwn(BOOL_STRINGS, value)) return { ok: true, value: BOOL_STRINGS[value] };
      return { ok: false, message: "must be a boolean" };
    case "integer": {
      const n = typeof value === "string" && /^-?\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
      if (typeof n === "number" && Number.isSafeInteger(n)) return { ok: true, value: n };
      return { ok: false, message: "must be an integer" };
    }
    case "date":
      if (typeof value === "string" && isCalendarDate(value)) return { ok: true, value };
      return { ok: false, message: "must be a date (YYYY-MM-DD)" };
    case "email": {
      const email = typeof value === "string" ? parseEmail(value) : null;
      return email ? { ok: true, value: email.value } : { ok: false, message: "must be an email address" };
    }
    case "phone": {
      const phone = typeof value === "string" ? parsePhone(value) : null;
      return phone ? { ok: true, value: phone } : { ok: false, message: "must be a phone number in international format" };
    }
    case "url":
      if (typeof value === "string" && value.length <= 2048 && parseHttpUrl(value)) return { ok: true, value };
      return { ok: false, message: "must be an http(s) URL" };
  }
}

/** Check `meta` against `fields`. With `requireAll`, missing required fields are errors too. */
export function validateUserMeta(
  fields: readonly MetaFieldRow[],
  meta: Record<string, unknown> | undefined,
  { requireAll = false } = {},
): MetaValidation {
  const byName = new Map(fields.map((f) => [f.fieldName, f]));
  // Maps, then Object.fromEntries: a key such as `__proto__` becomes an own
  // property instead of changing the result's prototype.
  const valid = new Map<string, unknown>();
  const errors = new Map<string, string[]>();
  for (const [key, value] of Object.entries(meta ?? {})) {
    const field = byName.get(key);
    if (!field) {
      errors.set(key, ["is not a declared meta field"]);
      continue;
    }
    const result = coerce(field, value);
    if (result.ok) valid.set(key, result.value);
    else errors.set(key, [result.message]);
  }
  if (requireAll) {
    for (const f of fields) {
      const v = valid.get(f.fieldName);
      if (f.required && (v === undefined || v === null || v === "") && !errors.has(f.fieldName)) {
        errors.set(f.fieldName, ["is required"]);
      }
    }
  }
  return { valid: Object.fromEntries(valid), errors: Object.fromEntries(errors) };
}

/** Whether a user still lacks a value for some required field (spec §12.3). */
export function missingRequiredMeta(fields: readonly MetaFieldRow[], meta: Record<string, unknown> | null): boolean {
  return fields.some((f) => f.required && (meta?.[f.fieldName] === undefined || meta[f.fieldName] === null || meta[f.fieldName] === ""));
}
