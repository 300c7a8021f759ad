"use client";

import { useFormStatus } from "react-dom";

/** The primary submit button, in the app's colour, disabled while its form is pending. */
export function SubmitButton({ color, label, pendingLabel }: { color: string; label: string; pendingLabel?: string }) {
  const { pending } = useFormStatus();
  return (
    <button
      type="submit"
      disabled={pending}
      className="mt-6 inline-flex w-full items-center justify-center rounded-lg px-4 py-2.5 text-sm font-medium text-white disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
      style={{ backgroundColor: color }}
    >
      {pending && pendingLabel ? pendingLabel : label}
    </button>
  );
}
