"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/hosted/submit-button";

export interface FieldFormState {
  error: string | null;
}

export interface FieldProps {
  name: string;
  label: string;
  type: "email" | "text";
  autoComplete: string;
  inputMode?: "email" | "numeric" | "text";
  pattern?: string;
  maxLength?: number;
}

/**
 * One labelled field and a submit button posting to a server action that
 * redirects on success or returns a (translated) error shown under the field.
 */
export function ActionForm({
  action,
  field,
  color,
  submitLabel,
  pendingLabel,
}: {
  action: (state: FieldFormState, formData: FormData) => Promise<FieldFormState>;
  field: FieldProps;
  color: string;
  submitLabel: string;
  pendingLabel: string;
}) {
  const [state, formAction] = useActionState(action, { error: null });
  const errorId = `${field.name}-error`;
  return (
    <form action={formAction} className="mt-6" noValidate>
      <label htmlFor={field.name} className="block text-sm font-medium text-slate-800">
        {field.label}
      </label>
      <input
        id={field.name}
        name={field.name}
        type={field.type}
        required
        autoFocus
        autoComplete={field.autoComplete}
        inputMode={field.inputMode}
        pattern={field.pattern}
        maxLength={field.maxLength}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? errorId : undefined}
        className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base text-slate-900 focus:border-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-slate-900"
      />
      {state.error ? (
        <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <SubmitButton color={color} label={submitLabel} pendingLabel={pendingLabel} />
    </form>
  );
}
