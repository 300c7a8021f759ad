/**
 * Zod building blocks for request fields that may arrive as JSON or as form
 * values (spec §1.4): booleans as "true"/"false"/"1"/"0", integers as numeric
 * strings, objects and arrays as JSON-encoded strings.
 */
import { z } from "zod";

const BOOL_STRINGS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false };

export const zBool = () =>
  z.preprocess((v) => (typeof v === "string" && v in BOOL_STRINGS ? BOOL_STRINGS[v] : v), z.boolean());

export const zInt = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v.trim()) : v),
    z.number().int().min(min).max(max),
  );

function parseJsonString(v: unknown): unknown {
  if (typeof v !== "string") return v;
  const t = v.trim();
  if (!(t.startsWith("{") || t.startsWith("["))) return v;
  try {
    return JSON.parse(t);
  } catch {
    return v;
  }
}

/** An object that may also arrive as a JSON string. */
export const zJsonObject = <T extends z.ZodType>(inner: T) => z.preprocess(parseJsonString, inner);

/** An array that may arrive as an array, a JSON string, or (forms) an object with numeric keys. */
export const zArray = <T extends z.ZodType>(item: T, max = 100) =>
  z.preprocess((v) => {
    const p = parseJsonString(v);
    if (p && typeof p === "object" && !Array.isArray(p)) return Object.values(p);
    return p;
  }, z.array(item).max(max));

/** A trimmed, non-empty, bounded, printable string (no NUL or other control characters). */
export const zText = (max = 256) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    // Postgres text cannot hold NUL; control characters are never meaningful here.
    .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), "must not contain control characters");

/** Empty strings from forms mean "not given". */
export const optional = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), inner.optional());

/** Nullable field: "" and null clear the value. */
export const nullable = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (v === "" ? null : v), inner.nullable().optional());

export const PAGINATION = {
  page: optional(zInt(1, 100_000)).default(1),
  limit: optional(zInt(1, 100)),
  per_page: optional(zInt(1, 100)),
};

/** Page size from `limit` or its synonym `per_page` (spec §1.7). */
export function pageSize(q: { limit?: number; per_page?: number }, fallback = 25): number {
  return q.limit ?? q.per_page ?? fallback;
}

/** Accept a wrapped body (`{ app: {…} }`) as well as the same fields flat (spec §1.4). */
export function unwrap(key: string) {
  return (v: unknown) => {
    if (v && typeof v === "object" && !Array.isArray(v)) {
      const inner = (v as Record<string, unknown>)[key];
      if (inner && typeof inner === "object" && !Array.isArray(inner)) return { ...(v as object), ...inner };
    }
    return v;
  };
}
