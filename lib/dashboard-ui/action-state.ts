/**
 * The one bridge between server actions and forms: every dashboard action
 * returns a FormState, built here from the outcome — zod issues and AppError
 * field errors land next to their fields, other AppErrors become the form's
 * message, and anything unexpected is logged and shown as a generic failure
 * (its message never reaches the browser, like the API's 500).
 */
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";

import type { FormState } from "@/lib/dashboard-ui/action-state-types";

export { type FormState, initialFormState } from "@/lib/dashboard-ui/action-state-types";

/**
 * Form fields as plain values. A name sent twice (the hidden "false" before a
 * checked checkbox) keeps its last value; `name[]` fields become arrays.
 */
export function formValues(formData: FormData): { raw: Record<string, unknown>; echo: Record<string, string> } {
  const raw: Record<string, unknown> = {};
  const echo: Record<string, string> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    if (key.endsWith("[]")) {
      const name = key.slice(0, -2);
      raw[name] = all.map((v) => v.trim()).filter(Boolean);
      echo[name] = all.join("\n");
    } else {
      const last = all.at(-1) ?? "";
      raw[key] = last;
      echo[key] = last;
    }
  }
  return { raw, echo };
}

/** Field errors keyed by the top-level field (an error in `colors.1` shows under `colors`). */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "_form";
    const at = issue.path.length > 1 ? ` (item ${Number(issue.path[1]) + 1})` : "";
    (out[field] ??= []).push(`${capitalise(issue.message)}${at}`);
  }
  return out;
}

function capitalise(s: string): string {
  return s ? s[0]?.toUpperCase() + s.slice(1) : s;
}

export function validationState(error: z.ZodError, values: Record<string, string> = {}): FormState {
  return { status: "error", message: "Check the highlighted fields.", fieldErrors: zodFieldErrors(error), values };
}

/** The form state for a failure. Next.js control flow (redirect, notFound) is re-thrown, never swallowed. */
export function errorState(e: unknown, values: Record<string, string> = {}): FormState {
  unstable_rethrow(e);
  if (isAppError(e)) {
    const fieldErrors: Record<string, string[]> = {};
    if (e.errors && !Array.isArray(e.errors)) {
      for (const [path, messages] of Object.entries(e.errors)) {
        const field = path.split(".")[0] || "_form";
        (fieldErrors[field] ??= []).push(...messages.map(capitalise));
      }
    }
    const hasFields = Object.keys(fieldErrors).length > 0;
    return { status: "error", message: hasFields ? "Check the highlighted fields." : e.message, fieldErrors, values };
  }
  log.error("dashboard action failed", { error: e instanceof Error ? e.message : String(e) });
  return { status: "error", message: "Something went wrong on our side. Try again.", fieldErrors: {}, values };
}

export function successState(message: string, data?: Record<string, string>): FormState {
  return { status: "success", message, fieldErrors: {}, values: {}, ...(data ? { data } : {}) };
}

/** Run `fn` and turn its outcome into a FormState. */
export async function runForm(values: Record<string, string>, fn: () => Promise<FormState>): Promise<FormState> {
  try {
    return await fn();
  } catch (e) {
    return errorState(e, values);
  }
}
