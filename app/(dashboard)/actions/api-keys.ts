"use server";

import { revalidatePath } from "next/cache";
import { ApiKeyBody } from "@/lib/api-keys/schemas";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { type FormState, errorState, formValues, runForm, successState, validationState } from "@/lib/dashboard-ui/action-state";
import { type KeyScope, issueMemberKey, revokeMemberKey } from "@/lib/dashboard-ui/api-keys";
import { memberCtx } from "@/lib/dashboard-ui/workspace";
import { isAppError } from "@/lib/errors";

function pathOf(scope: KeyScope): string {
  return "appId" in scope ? `/dashboard/apps/${scope.appId}` : "/dashboard/api-keys";
}

/** Create a key; its secret is returned once in the form state and never stored in plaintext. */
export async function createKeyAction(scope: KeyScope, _prev: FormState, formData: FormData): Promise<FormState> {
  const signedIn = await requireMember();
  const { raw, echo } = formValues(formData);
  const parsed = ApiKeyBody.safeParse(raw);
  if (!parsed.success) return validationState(parsed.error, echo);
  return runForm(echo, async () => {
    const key = await issueMemberKey(await memberCtx(signedIn), signedIn, scope, parsed.data.nickname);
    revalidatePath(pathOf(scope));
    return successState(`Key “${key.nickname}” created.`, { token: key.token, nickname: key.nickname });
  });
}

/** Revoke a key after confirmation. A key that is already gone is not an error worth a page. */
export async function revokeKeyAction(scope: KeyScope, formData: FormData): Promise<void> {
  const signedIn = await requireMember();
  const keyId = formData.get("key_id");
  if (typeof keyId !== "string") return;
  try {
    await revokeMemberKey(await memberCtx(signedIn), signedIn, scope, keyId);
  } catch (e) {
    if (!(isAppError(e) && e.code === "api_key_not_found")) throw new Error(errorState(e).message ?? "Revoking failed");
  }
  revalidatePath(pathOf(scope));
}
