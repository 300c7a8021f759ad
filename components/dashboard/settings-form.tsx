"use client";

import { useActionState } from "react";
import { CheckboxField, FormMessage, SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, initialFormState } from "@/lib/dashboard-ui/action-state-types";
import type { FieldSpec } from "@/lib/dashboard-ui/field-spec";

export type { FieldSpec };

function FieldFor({ spec, state }: { spec: FieldSpec; state: FormState }) {
  const errors = state.fieldErrors[spec.name];
  const echoed = state.status === "error" ? state.values[spec.name] : undefined;
  switch (spec.kind) {
    case "checkbox":
      return <CheckboxField name={spec.name} label={spec.label} hint={spec.hint} errors={errors} defaultChecked={echoed !== undefined ? echoed === "true" : spec.checked} />;
    case "checkboxes": {
      const selected = echoed !== undefined ? echoed.split("\n") : spec.selected;
      return (
        <fieldset className="space-y-1.5" aria-describedby={errors?.length ? `f-${spec.name}-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">{spec.label}</legend>
          {/* An empty marker, so clearing every box still sends the field (as an empty list). */}
          <input type="hidden" name={`${spec.name}[]`} value="" />
          <div className="flex flex-wrap gap-x-5 gap-y-2">
            {spec.options.map((o) => (
              <label key={o.value} className="flex items-center gap-2 text-sm text-slate-800">
                <input type="checkbox" name={`${spec.name}[]`} value={o.value} defaultChecked={selected.includes(o.value)} className="h-4 w-4 rounded border-slate-300" />
                {o.label}
              </label>
            ))}
          </div>
          {spec.hint ? <p className="text-xs text-slate-500">{spec.hint}</p> : null}
          {errors?.length ? (
            <p id={`f-${spec.name}-error`} className="text-sm text-red-700">
              {errors.join(" ")}
            </p>
          ) : null}
        </fieldset>
      );
    }
    case "select":
      return <SelectField name={spec.name} label={spec.label} hint={spec.hint} errors={errors} options={spec.options} defaultValue={echoed ?? spec.value} />;
    case "textarea":
      return <TextAreaField name={spec.name} label={spec.label} hint={spec.hint} errors={errors} rows={spec.rows ?? 3} placeholder={spec.placeholder} defaultValue={echoed ?? spec.value} />;
    default:
      return (
        <TextField
          name={spec.name}
          label={spec.label}
          hint={spec.hint}
          errors={errors}
          type={spec.kind === "number" ? "number" : spec.kind === "url" ? "url" : "text"}
          inputMode={spec.kind === "number" ? "numeric" : undefined}
          min={spec.min}
          max={spec.max}
          required={spec.required}
          placeholder={spec.placeholder}
          defaultValue={echoed ?? spec.value}
        />
      );
  }
}

/**
 * A settings form posting to a server action that returns FormState: field
 * errors show next to their fields and the admin's input survives a failure.
 * Read-only members see the values disabled and no save button.
 */
export function SettingsForm({
  action,
  fields,
  submitLabel = "Save",
  readOnly = false,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  fields: FieldSpec[];
  submitLabel?: string;
  readOnly?: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const formError = state.fieldErrors._form;
  return (
    <form action={formAction} noValidate className="space-y-4">
      <fieldset disabled={readOnly} className="grid gap-4 sm:grid-cols-2">
        {fields.map((spec) => (
          <div key={spec.name} className={spec.kind === "textarea" || spec.kind === "checkboxes" ? "sm:col-span-2" : ""}>
            <FieldFor spec={spec} state={state} />
          </div>
        ))}
      </fieldset>
      {formError?.length ? <p className="text-sm text-red-700">{formError.join(" ")}</p> : null}
      {state.status === "error" && state.message ? <FormMessage kind="error">{state.message}</FormMessage> : null}
      {state.status === "success" && state.message ? <FormMessage kind="success">{state.message}</FormMessage> : null}
      {readOnly ? null : (
        <div className="flex justify-end">
          <SubmitButton label={submitLabel} pendingLabel="Saving…" />
        </div>
      )}
    </form>
  );
}
