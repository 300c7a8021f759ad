"use client";

import { type ReactNode, useId, useRef, useState } from "react";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { controlClasses } from "@/components/ui/field";

/**
 * A button that opens a modal confirmation (native <dialog>: focus is trapped
 * and Escape cancels). With `confirmText`, the confirm button stays disabled
 * until that exact text is typed — for actions that cannot be undone. The
 * confirm button submits `formAction` with the given hidden fields.
 */
export function ConfirmDialog({
  trigger,
  triggerAriaLabel,
  triggerVariant = "danger",
  title,
  body,
  confirmLabel,
  confirmText,
  formAction,
  fields = {},
}: {
  trigger: string;
  /** A fuller accessible name for the trigger when several share the same text (e.g. one per table row). */
  triggerAriaLabel?: string;
  triggerVariant?: ButtonVariant;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  confirmText?: string;
  formAction: (formData: FormData) => void | Promise<void>;
  fields?: Record<string, string>;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [typed, setTyped] = useState("");
  const [pending, setPending] = useState(false);
  const titleId = useId();
  const inputId = useId();
  const blocked = confirmText !== undefined && typed !== confirmText;
  return (
    <>
      <Button variant={triggerVariant} aria-label={triggerAriaLabel} onClick={() => ref.current?.showModal()}>
        {trigger}
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onClose={() => setTyped("")}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-2xl border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <form
          action={async (formData) => {
            setPending(true);
            try {
              await formAction(formData);
            } finally {
              setPending(false);
              ref.current?.close();
            }
          }}
          className="space-y-4 p-6"
        >
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          <div className="text-sm text-slate-600">{body}</div>
          {Object.entries(fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {confirmText !== undefined ? (
            <div className="space-y-1.5">
              <label htmlFor={inputId} className="block text-sm font-medium text-slate-800">
                Type <span className="font-mono font-semibold">{confirmText}</span> to confirm
              </label>
              <input
                id={inputId}
                name="confirmation"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                autoComplete="off"
                className={controlClasses}
              />
            </div>
          ) : null}
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={() => ref.current?.close()}>
              Cancel
            </Button>
            <Button type="submit" variant="danger" disabled={blocked || pending} aria-busy={pending || undefined}>
              {pending ? "Working…" : confirmLabel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
