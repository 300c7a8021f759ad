import type { AppRow } from "@/lib/apps/find-app";
import { IDENTIFIER_FIELD, META_PREFIX, type SignUpField } from "@/lib/hosted/sign-up-shared";
import type { MessageKey } from "@/lib/i18n/catalogs";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";

/** The app's meta fields marked `visible_registration`, in their declared order. */
export async function registrationFields(app: Pick<AppRow, "id">): Promise<SignUpField[]> {
  const fields = await listMetaFields(app.id);
  return fields
    .filter((f) => f.visibleRegistration)
    .map((f) => ({ fieldName: f.fieldName, label: f.name, fieldType: f.fieldType, required: f.required }));
}

export interface ReadSignUp {
  raw: string;
  /** Typed and coerced values of the shown fields (empty optional fields left out). */
  meta: Record<string, unknown>;
  /** Field name → message key. */
  errors: Record<string, MessageKey>;
  /** What was typed, by input name, to refill the form. */
  values: Record<string, string>;
}

/**
 * Read the sign-up form: the identifier and one value per shown field, typed
 * and checked with the same rules as the API (lib/meta-fields). Keys that are
 * not shown on the form are ignored, so a crafted post cannot set them.
 */
export function readSignUpForm(formData: FormData, fields: readonly SignUpField[], metaRows: Parameters<typeof validateUserMeta>[0]): ReadSignUp {
  const raw = String(formData.get(IDENTIFIER_FIELD) ?? "").trim().slice(0, 320);
  const values: Record<string, string> = { [IDENTIFIER_FIELD]: raw };
  const given: Record<string, unknown> = {};
  const errors: Record<string, MessageKey> = {};
  for (const f of fields) {
    const name = `${META_PREFIX}${f.fieldName}`;
    const value = String(formData.get(name) ?? "").slice(0, 10_001);
    values[name] = value;
    if (f.fieldType === "boolean") {
      if (value === "true") given[f.fieldName] = true;
      else if (f.required) errors[f.fieldName] = "hosted.signup.field.required";
      else given[f.fieldName] = false;
      continue;
    }
    const trimmed = f.fieldType === "text" ? value : value.trim();
    if (trimmed === "") {
      if (f.required) errors[f.fieldName] = "hosted.signup.field.required";
      continue;
    }
    given[f.fieldName] = trimmed;
  }
  const shown = new Set(fields.map((f) => f.fieldName));
  const checked = validateUserMeta(
    metaRows.filter((r) => shown.has(r.fieldName)),
    given,
  );
  for (const f of fields) {
    if (checked.errors[f.fieldName] && !errors[f.fieldName]) errors[f.fieldName] = `hosted.signup.field.${f.fieldType}`;
  }
  return { raw, meta: checked.valid, errors, values };
}
