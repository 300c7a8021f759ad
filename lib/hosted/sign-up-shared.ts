/**
 * What the hosted sign-up form and its server action share. No imports: the
 * client form bundles this file.
 */

/** A meta field shown on the sign-up form (declared with `visible_registration`). */
export interface SignUpField {
  fieldName: string;
  label: string;
  fieldType: "string" | "boolean" | "integer" | "date" | "phone" | "email" | "text" | "url";
  required: boolean;
}

export interface SignUpFormState {
  /** A message for the whole form (rate limits, sign-up closed…). */
  error: string | null;
  /** Field name (or `identifier`) → message, shown under the field. */
  fieldErrors: Record<string, string>;
  /** What was typed, by input name, so a failed submit keeps it. */
  values: Record<string, string>;
  /** Bumped on each failed submit to re-mount the inputs with `values`. */
  attempt: number;
}

export const IDENTIFIER_FIELD = "identifier";
export const META_PREFIX = "meta.";
