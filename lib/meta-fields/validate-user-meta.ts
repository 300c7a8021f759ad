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

function coerce(field: MetaFieldRow, value: unknown): { ok: true; value: unknown } | { ok: false; message: string } {
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
      if (value === "true" || value === "false") return { ok: true, value: value === "true" };
      return { ok: false, message: "must be a boolean" };
    case "integer": {
      const n = typeof value === "string" && /^-?\d{1,15}$/.test(value) ? Number(value) : value;
      if (typeof n === "number" && Number.isSafeInteger(n)) return { ok: true, value: n };
      return { ok: false, message: "must be an integer" };
    }
    case "date":
      if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
        return { ok: true, value };
      }
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
  const valid: Record<string, unknown> = {};
  const errors: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(meta ?? {})) {
    const field = byName.get(key);
    if (!field) {
      errors[key] = ["is not a declared meta field"];
      continue;
    }
    const result = coerce(field, value);
    if (result.ok) valid[key] = result.value;
    else errors[key] = [result.message];
  }
  if (requireAll) {
    for (const f of fields) {
      if (f.required && (valid[f.fieldName] === undefined || valid[f.fieldName] === null || valid[f.fieldName] === "")) {
        errors[f.fieldName] ??= ["is required"];
      }
    }
  }
  return { valid, errors };
}

/** Whether a user still lacks a value for some required field (spec §12.3). */
export function missingRequiredMeta(fields: readonly MetaFieldRow[], meta: Record<string, unknown> | null): boolean {
  return fields.some((f) => f.required && (meta?.[f.fieldName] === undefined || meta[f.fieldName] === null || meta[f.fieldName] === ""));
}
