"use client";

import { useActionState, useState } from "react";
import { FormMessage, TextField, controlClasses, fieldIds } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { type FormState, initialFormState } from "@/lib/dashboard-ui/action-state-types";

const HEX = /^#[0-9a-fA-F]{6}$/;
const DEFAULT_COLOR = "#4f46e5";

/** A logo URL the preview may load: https (or http on localhost), as the hosted pages allow. */
function previewLogo(value: string): string | null {
  try {
    const url = new URL(value.trim());
    if (url.protocol === "https:" || (url.protocol === "http:" && ["localhost", "127.0.0.1"].includes(url.hostname))) return url.toString();
  } catch {
    // not a URL yet (the admin is typing)
  }
  return null;
}

/**
 * The hosted sign-in card as the app's users will see it, redrawn on every
 * keystroke. It mirrors components/hosted/hosted-shell.tsx (logo, name,
 * accent border and primary button) at card size rather than full page.
 */
export function BrandingPreview({ name, logo, color }: { name: string; logo: string; color: string }) {
  const accent = HEX.test(color) ? color : DEFAULT_COLOR;
  const src = previewLogo(logo);
  return (
    <figure aria-label="Preview of the hosted sign-in page" className="rounded-xl bg-slate-100 p-4 sm:p-6">
      <div data-testid="branding-preview" className="mx-auto w-full max-w-xs rounded-2xl border border-slate-200 bg-white p-5 shadow-sm" style={{ borderTop: `4px solid ${accent}` }}>
        <div className="mb-5 flex items-center gap-3">
          {src ? (
            <span role="img" aria-label={`${name} logo`} className="h-9 w-9 rounded-lg bg-contain bg-center bg-no-repeat" style={{ backgroundImage: `url(${JSON.stringify(src)})` }} />
          ) : null}
          <span className="text-base font-semibold text-slate-900">{name}</span>
        </div>
        <p className="text-lg font-semibold text-slate-900">Sign in to {name}</p>
        <p className="mt-1 text-xs text-slate-600">Enter your email and we will send you a sign-in link.</p>
        <div className="mt-4 h-9 rounded-lg border border-slate-300" aria-hidden />
        <div data-testid="preview-button" className="mt-4 flex h-9 items-center justify-center rounded-lg text-sm font-medium text-white" style={{ backgroundColor: accent }}>
          Continue
        </div>
      </div>
      <figcaption className="mt-3 text-center text-xs text-slate-500">Live preview — saved when you press Save branding</figcaption>
    </figure>
  );
}

/** Logo and brand colour, with the live preview beside them. Other stored colours are kept as they are. */
export function BrandingEditor({
  action,
  name,
  logo,
  colors,
  readOnly,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  name: string;
  logo: string;
  colors: string[];
  readOnly: boolean;
}) {
  const [state, formAction] = useActionState(action, initialFormState);
  const [logoValue, setLogo] = useState(logo);
  const [color, setColor] = useState(colors[0] && HEX.test(colors[0]) ? colors[0] : DEFAULT_COLOR);
  const colorErrors = state.fieldErrors.colors;
  const ids = fieldIds("brand_color");
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <form action={formAction} noValidate className="space-y-4">
        <fieldset disabled={readOnly} className="space-y-4">
          <TextField
            name="logo"
            label="Logo URL"
            hint="An https image, shown on the sign-in pages and in emails. Leave empty for none."
            type="url"
            value={logoValue}
            onChange={(e) => setLogo(e.target.value)}
            errors={state.fieldErrors.logo}
            placeholder="https://example.com/logo.png"
          />
          <div className="space-y-1.5">
            <label htmlFor={ids.input} className="block text-sm font-medium text-slate-800">
              Brand colour
            </label>
            <div className="flex items-center gap-2">
              <input type="color" aria-label="Pick the brand colour" value={HEX.test(color) ? color : DEFAULT_COLOR} onChange={(e) => setColor(e.target.value)} className="h-9 w-12 cursor-pointer rounded border border-slate-300 bg-white" />
              <input
                id={ids.input}
                name="colors[]"
                value={color}
                onChange={(e) => setColor(e.target.value)}
                aria-invalid={colorErrors?.length ? true : undefined}
                aria-describedby={`${ids.hint}${colorErrors?.length ? ` ${ids.error}` : ""}`}
                className={`${controlClasses} max-w-[10rem] font-mono`}
              />
            </div>
            <p id={ids.hint} className="text-xs text-slate-500">
              Buttons and accents, as #RRGGBB.
            </p>
            {colorErrors?.length ? (
              <p id={ids.error} className="text-sm text-red-700">
                {colorErrors.join(" ")}
              </p>
            ) : null}
          </div>
          {colors.slice(1).map((c, i) => (
            <input key={`${c}-${i}`} type="hidden" name="colors[]" value={c} />
          ))}
        </fieldset>
        {state.status === "error" && state.message ? <FormMessage kind="error">{state.message}</FormMessage> : null}
        {state.status === "success" && state.message ? <FormMessage kind="success">{state.message}</FormMessage> : null}
        {readOnly ? null : (
          <div className="flex justify-end">
            <SubmitButton label="Save branding" pendingLabel="Saving…" />
          </div>
        )}
      </form>
      <BrandingPreview name={name} logo={logoValue} color={color} />
    </div>
  );
}
