import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const CONTROL =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-xs " +
  "focus:border-indigo-600 focus:outline-2 focus:outline-offset-0 focus:outline-indigo-600 " +
  "aria-invalid:border-red-500 disabled:bg-slate-50";

export const controlClasses = CONTROL;

/** The ids a control and its hint/error paragraphs share, so screen readers announce them together. */
export function fieldIds(name: string) {
  return { input: `f-${name}`, hint: `f-${name}-hint`, error: `f-${name}-error` };
}

function describedBy(name: string, hint: ReactNode, errors: readonly string[] | undefined): string | undefined {
  const ids = fieldIds(name);
  const parts = [hint ? ids.hint : null, errors?.length ? ids.error : null].filter(Boolean);
  return parts.length ? parts.join(" ") : undefined;
}

/** A labelled form field: label, control, hint and the field's errors right under it. */
export function Field({
  name,
  label,
  hint,
  errors,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: readonly string[];
  children: ReactNode;
}) {
  const ids = fieldIds(name);
  return (
    <div className="space-y-1.5">
      <label htmlFor={ids.input} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={ids.hint} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={ids.error} className="text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

type Common = { name: string; label: string; hint?: ReactNode; errors?: readonly string[] };

export function TextField({ name, label, hint, errors, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, "name">) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      <input
        id={fieldIds(name).input}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        className={CONTROL}
        {...input}
      />
    </Field>
  );
}

export function TextAreaField({ name, label, hint, errors, ...input }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name">) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      <textarea
        id={fieldIds(name).input}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        className={CONTROL}
        {...input}
      />
    </Field>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  options,
  ...select
}: Common & { options: readonly { value: string; label: string }[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, "name">) {
  return (
    <Field name={name} label={label} hint={hint} errors={errors}>
      <select
        id={fieldIds(name).input}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy(name, hint, errors)}
        className={CONTROL}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/**
 * A checkbox that always submits a value: the hidden "false" comes first, so an
 * unchecked box still tells the server action to turn the setting off.
 */
export function CheckboxField({
  name,
  label,
  hint,
  errors,
  defaultChecked,
}: Common & { defaultChecked?: boolean }) {
  const ids = fieldIds(name);
  return (
    <div className="space-y-1">
      <div className="flex items-start gap-2.5">
        <input type="hidden" name={name} value="false" />
        <input
          id={ids.input}
          name={name}
          type="checkbox"
          value="true"
          defaultChecked={defaultChecked}
          aria-describedby={describedBy(name, hint, errors)}
          className="mt-0.5 h-4 w-4 rounded border-slate-300 text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        />
        <label htmlFor={ids.input} className="text-sm font-medium text-slate-800">
          {label}
        </label>
      </div>
      {hint ? (
        <p id={ids.hint} className="pl-6.5 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={ids.error} className="pl-6.5 text-sm text-red-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

/** A form-level message (success or failure) announced to assistive technology. */
export function FormMessage({ kind, children }: { kind: "error" | "success"; children: ReactNode }) {
  return kind === "error" ? (
    <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
      {children}
    </p>
  ) : (
    <p role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
      {children}
    </p>
  );
}
