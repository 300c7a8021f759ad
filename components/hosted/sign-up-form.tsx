"use client";

import { useActionState, useRef, useState } from "react";
import { type FormErrors, PasskeySignUp, type PasskeySignUpLabels } from "@/components/hosted/passkey-sign-up";
import { SubmitButton } from "@/components/hosted/submit-button";
import { IDENTIFIER_FIELD, META_PREFIX, type SignUpField, type SignUpFormState } from "@/lib/hosted/sign-up-shared";

const INPUT_CLASS =
  "mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base text-slate-900 focus:border-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-slate-900 aria-[invalid=true]:border-red-600";

function inputType(t: SignUpField["fieldType"]): string {
  switch (t) {
    case "integer":
      return "number";
    case "date":
      return "date";
    case "email":
      return "email";
    case "phone":
      return "tel";
    case "url":
      return "url";
    default:
      return "text";
  }
}

function ErrorText({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p id={id} role="alert" className="mt-1 text-sm text-red-700">
      {message}
    </p>
  ) : null;
}

/**
 * The hosted sign-up form: the identifier plus the app's registration fields,
 * each labelled, typed and with its own error; posts to a server action that
 * redirects on success. With `passkey`, the same fields can instead create a
 * passkey (its server checks report into the same field errors).
 */
export function SignUpForm({
  action,
  identifier,
  fields,
  optionalLabel,
  color,
  submitLabel,
  pendingLabel,
  passkey,
}: {
  action: (state: SignUpFormState, formData: FormData) => Promise<SignUpFormState>;
  identifier: { label: string; type: "email" | "text"; autoComplete: string };
  fields: SignUpField[];
  optionalLabel: string;
  color: string;
  submitLabel: string;
  pendingLabel: string;
  passkey?: { appId: string; labels: PasskeySignUpLabels };
}) {
  const [state, formAction] = useActionState(action, { error: null, fieldErrors: {}, values: {}, attempt: 0 });
  const formRef = useRef<HTMLFormElement>(null);
  // Errors from the passkey path: no submit happened, so the inputs keep what was typed.
  const [passkeyErrors, setPasskeyErrors] = useState<FormErrors | null>(null);
  const view = passkeyErrors ?? state;
  const err = (name: string) => view.fieldErrors[name];
  return (
    <form
      key={state.attempt}
      ref={formRef}
      action={formAction}
      onSubmit={() => setPasskeyErrors(null)}
      className="mt-6 space-y-4"
      noValidate
    >
      <div>
        <label htmlFor={IDENTIFIER_FIELD} className="block text-sm font-medium text-slate-800">
          {identifier.label}
        </label>
        <input
          id={IDENTIFIER_FIELD}
          name={IDENTIFIER_FIELD}
          type={identifier.type}
          required
          autoFocus
          maxLength={320}
          autoComplete={identifier.autoComplete}
          defaultValue={state.values[IDENTIFIER_FIELD] ?? ""}
          aria-invalid={err(IDENTIFIER_FIELD) ? true : undefined}
          aria-describedby={err(IDENTIFIER_FIELD) ? `${IDENTIFIER_FIELD}-error` : undefined}
          className={INPUT_CLASS}
        />
        <ErrorText id={`${IDENTIFIER_FIELD}-error`} message={err(IDENTIFIER_FIELD)} />
      </div>
      {fields.map((f) => {
        const name = `${META_PREFIX}${f.fieldName}`;
        const id = `field-${f.fieldName}`;
        const errorId = `${id}-error`;
        const invalid = err(f.fieldName) ? true : undefined;
        if (f.fieldType === "boolean") {
          return (
            <div key={f.fieldName}>
              <label htmlFor={id} className="flex items-center gap-2 text-sm font-medium text-slate-800">
                <input
                  id={id}
                  name={name}
                  type="checkbox"
                  value="true"
                  defaultChecked={state.values[name] === "true"}
                  aria-invalid={invalid}
                  aria-describedby={invalid ? errorId : undefined}
                  className="h-4 w-4 rounded border-slate-300"
                />
                {f.label}
              </label>
              <ErrorText id={errorId} message={err(f.fieldName)} />
            </div>
          );
        }
        const Tag = f.fieldType === "text" ? "textarea" : "input";
        return (
          <div key={f.fieldName}>
            <label htmlFor={id} className="block text-sm font-medium text-slate-800">
              {f.label} {f.required ? null : <span className="font-normal text-slate-500">{optionalLabel}</span>}
            </label>
            <Tag
              id={id}
              name={name}
              {...(Tag === "input" ? { type: inputType(f.fieldType) } : { rows: 3 })}
              required={f.required}
              maxLength={f.fieldType === "text" ? 10_000 : f.fieldType === "string" ? 256 : undefined}
              defaultValue={state.values[name] ?? ""}
              aria-invalid={invalid}
              aria-describedby={invalid ? errorId : undefined}
              className={INPUT_CLASS}
            />
            <ErrorText id={errorId} message={err(f.fieldName)} />
          </div>
        );
      })}
      {view.error ? (
        <p role="alert" className="text-sm text-red-700">
          {view.error}
        </p>
      ) : null}
      <SubmitButton color={color} label={submitLabel} pendingLabel={pendingLabel} />
      {passkey ? (
        <PasskeySignUp appId={passkey.appId} color={color} labels={passkey.labels} form={formRef} onFormErrors={setPasskeyErrors} />
      ) : null}
    </form>
  );
}
