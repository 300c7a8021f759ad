"use client";

import { useActionState } from "react";
import { type ListActionState, renamePasskey } from "@/app/(hosted)/passkey-actions";

/** The rename form of one passkey on the hosted passkeys page. */
export function PasskeyRename({
  appId,
  credentialId,
  nickname,
  label,
  submit,
}: {
  appId: string;
  credentialId: string;
  nickname: string;
  label: string;
  submit: string;
}) {
  const [state, action, pending] = useActionState<ListActionState, FormData>(renamePasskey.bind(null, appId, credentialId), {});
  return (
    <form action={action} className="mt-2 flex gap-2">
      <label className="sr-only" htmlFor={`nickname-${credentialId}`}>
        {label}
      </label>
      <input
        id={`nickname-${credentialId}`}
        name="nickname"
        defaultValue={nickname}
        maxLength={64}
        required
        className="min-w-0 flex-1 rounded-lg border border-slate-300 px-3 py-1.5 text-sm"
      />
      <button type="submit" disabled={pending} className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
        {submit}
      </button>
      {state.error ? (
        <p role="alert" className="text-sm text-red-700">
          {state.error}
        </p>
      ) : null}
      {state.notice ? (
        <p role="status" className="text-sm text-emerald-700">
          {state.notice}
        </p>
      ) : null}
    </form>
  );
}
