"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { CreateAppBody, UpdateAppBody } from "@/lib/apps/schemas";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import {
  type FormState,
  errorState,
  formValues,
  runForm,
  successState,
  validationState,
} from "@/lib/dashboard-ui/action-state";
import { createMemberApp, deleteMemberApp, memberApp, updateMemberApp } from "@/lib/dashboard-ui/apps";
import { splitList } from "@/lib/dashboard-ui/form-lists";
import { currentMembership, memberCtx } from "@/lib/dashboard-ui/workspace";
import { isAppError } from "@/lib/errors";

function isForbidden(e: unknown): boolean {
  return isAppError(e) && e.status === 403;
}

/** Textareas that hold one value per line (origins); the API takes them as arrays. */
const LINE_LISTS = ["additional_origins"] as const;

function withLists(raw: Record<string, unknown>): Record<string, unknown> {
  const out = { ...raw };
  for (const key of LINE_LISTS) {
    if (typeof out[key] === "string") out[key] = splitList(out[key]);
  }
  return out;
}

/** Create an app in the selected workspace and open its settings. */
export async function createAppAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const signedIn = await requireMember();
  const { raw, echo } = formValues(formData);
  const parsed = CreateAppBody.safeParse(withLists(raw));
  if (!parsed.success) return validationState(parsed.error, echo);
  const { workspace_id: _ignored, ...settings } = parsed.data;
  let publicId = "";
  const state = await runForm(echo, async () => {
    const membership = await currentMembership(signedIn);
    const app = await createMemberApp(await memberCtx(signedIn), signedIn, { workspaceId: membership.workspaceId, settings });
    publicId = app.publicId;
    return successState("App created.");
  });
  if (state.status !== "success") return state;
  revalidatePath("/dashboard", "layout");
  redirect(`/dashboard/apps/${publicId}?created=1`);
}

/** Save one settings section of an app; only the fields the section's form sent are validated and written. */
export async function saveAppSettingsAction(appId: string, _prev: FormState, formData: FormData): Promise<FormState> {
  const signedIn = await requireMember();
  const { raw, echo } = formValues(formData);
  const parsed = UpdateAppBody.safeParse(withLists(raw));
  if (!parsed.success) return validationState(parsed.error, echo);
  return runForm(echo, async () => {
    await updateMemberApp(await memberCtx(signedIn), signedIn, appId, parsed.data);
    revalidatePath(`/dashboard/apps/${appId}`);
    return successState("Saved.");
  });
}

/** Delete an app after the admin typed its name (checked here too, not only in the browser). */
export async function deleteAppAction(appId: string, formData: FormData): Promise<void> {
  const signedIn = await requireMember();
  const { app } = await memberApp(signedIn, appId);
  const typed = formData.get("confirmation");
  if (typeof typed !== "string" || typed.trim() !== app.name) {
    redirect(`/dashboard/apps/${app.publicId}?delete_error=confirmation#danger`);
  }
  try {
    await deleteMemberApp(await memberCtx(signedIn), signedIn, app.id);
  } catch (e) {
    // Logged (unexpected) or an AppError such as a lost role; the page explains with a fixed message.
    errorState(e);
    redirect(`/dashboard/apps/${app.publicId}?delete_error=${isForbidden(e) ? "forbidden" : "failed"}#danger`);
  }
  revalidatePath("/dashboard", "layout");
  redirect("/dashboard/apps?deleted=1");
}
