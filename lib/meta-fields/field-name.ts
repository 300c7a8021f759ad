/**
 * `field_name` rules (spec §13): the key used inside `user_meta`, lower
 * snake_case, derived from `name` when not given ("First name" → first_name,
 * "companyName" → company_name). Keys that would touch an object's prototype
 * are refused.
 */
import { AppError } from "@/lib/errors";

export const FIELD_NAME = /^[a-z][a-z0-9_]{0,63}$/;
const RESERVED = new Set(["constructor", "prototype", "toString", "valueOf", "hasOwnProperty"].map((s) => s.toLowerCase()));

/** `name` in snake_case, or "" when nothing usable remains. */
export function snakeCase(name: string): string {
  let s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
  if (/^[0-9]/.test(s)) s = `field_${s}`;
  return s.slice(0, 64).replace(/_+$/, "");
}

/** The field_name to store: `given` checked, else derived from `name`; 422 when invalid. */
export function resolveFieldName(given: string | undefined, name: string): string {
  const value = given ?? snakeCase(name);
  const where = given === undefined ? "name" : "field_name";
  if (!FIELD_NAME.test(value) || RESERVED.has(value)) {
    const message =
      given === undefined
        ? "no field_name can be derived from name; give field_name (lower snake_case, starting with a letter)"
        : "must be lower snake_case: a letter, then letters, digits or underscores (at most 64)";
    throw new AppError({ code: "validation_failed", message: `Invalid request field ${where}: ${message}`, errors: { [where]: [message] } });
  }
  return value;
}

/** `as_verification_identifier` is only allowed on email and phone fields. */
export function checkVerificationIdentifier(flag: boolean | undefined, fieldType: string): void {
  if (flag && fieldType !== "email" && fieldType !== "phone") {
    const message = "is only allowed for email and phone fields";
    throw new AppError({
      code: "validation_failed",
      message: `Invalid request field as_verification_identifier: ${message}`,
      errors: { as_verification_identifier: [message] },
    });
  }
}
