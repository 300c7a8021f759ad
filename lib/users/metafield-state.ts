import type { AppRow } from "@/lib/apps/find-app";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { missingRequiredMeta } from "@/lib/meta-fields/validate-user-meta";
import { findUserById } from "@/lib/users/find-user";

/**
 * Spec §12.3: true when the user still lacks a value for some required meta
 * field (the app should collect it); false otherwise, and for unknown users.
 */
export async function metafieldState(input: { app: AppRow; userId: string }): Promise<boolean> {
  const user = await findUserById(input.app.id, input.userId);
  if (!user) return false;
  return missingRequiredMeta(await listMetaFields(input.app.id), user.meta);
}
