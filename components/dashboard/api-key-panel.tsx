"use client";

import { useActionState } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { FormMessage, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { EmptyState } from "@/components/ui/states";
import { Table, Td } from "@/components/ui/table";
import { type FormState, initialFormState } from "@/lib/dashboard-ui/action-state-types";

export interface KeyRow {
  id: string;
  nickname: string;
  token_preview: string;
  last_used_at: string | null;
  created_at: string;
}

function when(iso: string | null): string {
  if (!iso) return "Never";
  return new Date(iso).toLocaleString("en", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }) + " UTC";
}

/** The secret of a key just created: shown once, with copy, and a plain warning. */
function NewKey({ token, nickname }: { token: string; nickname: string }) {
  return (
    <div role="status" className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4">
      <p className="text-sm font-medium text-amber-900">
        Copy the secret of “{nickname}” now. It will not be shown again; if you lose it, revoke the key and create another.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="new-key-secret" className="sr-only">
          New API key secret
        </label>
        <input
          id="new-key-secret"
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          className="w-full rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
        />
        <CopyButton value={token} />
      </div>
    </div>
  );
}

/**
 * Create, list and revoke the keys of one scope (a workspace or an app).
 * Revoking asks first: apps using the key stop working at once.
 */
export function ApiKeyPanel({
  keys,
  createAction,
  revokeAction,
  kindLabel,
}: {
  keys: KeyRow[];
  createAction: (state: FormState, formData: FormData) => Promise<FormState>;
  revokeAction: (formData: FormData) => Promise<void>;
  kindLabel: string;
}) {
  const [state, formAction] = useActionState(createAction, initialFormState);
  const token = state.status === "success" ? state.data?.token : undefined;
  return (
    <div className="space-y-5">
      <form action={formAction} noValidate className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="flex-1">
          <TextField
            key={token ?? "form"}
            name="nickname"
            label="Nickname"
            hint="What uses this key, e.g. “Production backend”."
            maxLength={256}
            errors={state.fieldErrors.nickname}
            defaultValue={state.status === "error" ? state.values.nickname : ""}
          />
        </div>
        <div className="sm:pb-6">
          <SubmitButton label={`Create ${kindLabel}`} pendingLabel="Creating…" />
        </div>
      </form>
      {state.status === "error" && state.message && !state.fieldErrors.nickname ? <FormMessage kind="error">{state.message}</FormMessage> : null}
      {token ? <NewKey token={token} nickname={state.data?.nickname ?? ""} /> : null}
      {keys.length === 0 ? (
        <EmptyState title="No API keys yet" body="Backends call the Tessera API with a key. Create one above; its secret is shown once." />
      ) : (
        <Table caption={`${kindLabel}s`} head={["Nickname", "Key", "Last used", "Created", ""]}>
          {keys.map((k) => (
            <tr key={k.id}>
              <Td className="font-medium">{k.nickname}</Td>
              <Td className="font-mono text-xs whitespace-nowrap">{k.token_preview}</Td>
              <Td className="whitespace-nowrap">{when(k.last_used_at)}</Td>
              <Td className="whitespace-nowrap">{when(k.created_at)}</Td>
              <Td className="text-right">
                <ConfirmDialog
                  trigger="Revoke"
                  triggerAriaLabel={`Revoke ${k.nickname}`}
                  title={`Revoke “${k.nickname}”?`}
                  body={<p>Requests using this key fail from now on. This cannot be undone.</p>}
                  confirmLabel="Revoke key"
                  formAction={revokeAction}
                  fields={{ key_id: k.id }}
                />
              </Td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}
