import { getDb } from "@/db/client";
import { ownerExists } from "@/lib/dashboard/members";
import { getEnv } from "@/lib/env";

/**
 * Whether the first-run page applies: no owner yet and no TESSERA_ADMIN_EMAIL
 * (with one set, the first sign-in with that email becomes the owner instead).
 */
export async function setupAvailable(): Promise<boolean> {
  if (getEnv().adminEmail) return false;
  return !(await ownerExists(await getDb()));
}
