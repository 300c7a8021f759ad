"use client";

import { useActionState } from "react";
import { claimOwnerAction } from "@/app/(dashboard)/actions/setup";
import { buttonClasses } from "@/components/ui/button";
import { FormMessage, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialFormState } from "@/lib/dashboard-ui/action-state-types";

export function SetupForm() {
  const [state, formAction] = useActionState(claimOwnerAction, initialFormState);
  if (state.status === "success") {
    return (
      <>
        <FormMessage kind="success">{state.message}</FormMessage>
        <a href="/dashboard/sign-in" className={buttonClasses("primary", "w-full py-2.5")}>
          Continue to sign-in
        </a>
      </>
    );
  }
  return (
    <form action={formAction} noValidate className="space-y-4">
      <TextField name="api_key" label="Bootstrap workspace key" type="password" autoComplete="off" required errors={state.fieldErrors.api_key} hint="Starts with scwor_. Found in <data dir>/bootstrap.json." />
      <TextField name="email" label="Owner email" type="email" autoComplete="email" required defaultValue={state.values.email} errors={state.fieldErrors.email} />
      <TextField name="name" label="Name (optional)" autoComplete="name" defaultValue={state.values.name} errors={state.fieldErrors.name} />
      {state.status === "error" && state.message ? <FormMessage kind="error">{state.message}</FormMessage> : null}
      <SubmitButton label="Make me the owner" pendingLabel="Checking…" className="w-full" />
    </form>
  );
}
