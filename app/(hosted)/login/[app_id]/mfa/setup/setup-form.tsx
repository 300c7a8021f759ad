"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/components/hosted/submit-button";
import type { SetupState } from "../actions";

/** Confirm the authenticator with a code; then show the backup codes once. */
export function SetupForm({
  action,
  enrollmentId,
  color,
}: {
  action: (state: SetupState, formData: FormData) => Promise<SetupState>;
  enrollmentId: string;
  color: string;
}) {
  const [state, formAction] = useActionState(action, { error: null, backupCodes: null });
  if (state.backupCodes) {
    return (
      <div className="mt-6" data-testid="backup-codes">
        <p className="text-sm font-medium text-slate-800">Two-step verification is on. Save these backup codes now: they are shown only once, and each works once.</p>
        <ul className="mt-3 grid grid-cols-2 gap-2 font-mono text-sm text-slate-900">
          {state.backupCodes.map((c) => (
            <li key={c} className="rounded border border-slate-200 px-2 py-1">
              {c}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <form action={formAction} className="mt-6" noValidate>
      <input type="hidden" name="enrollment_id" value={enrollmentId} />
      <label htmlFor="code" className="block text-sm font-medium text-slate-800">
        Code from the app
      </label>
      <input
        id="code"
        name="code"
        type="text"
        required
        autoComplete="one-time-code"
        inputMode="numeric"
        maxLength={6}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "code-error" : undefined}
        className="mt-1 block w-full rounded-lg border border-slate-300 px-3 py-2.5 text-base text-slate-900 focus:border-slate-900 focus:outline-2 focus:outline-offset-1 focus:outline-slate-900"
      />
      {state.error ? (
        <p id="code-error" role="alert" className="mt-2 text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      <SubmitButton color={color} label="Turn on" pendingLabel="Checking…" />
    </form>
  );
}
