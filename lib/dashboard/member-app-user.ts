import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { parseEmail } from "@/lib/identifiers/parse-identifier";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * The dashboard app user of a member's email, created `active` when missing.
 * Public sign-up is off on the dashboard app, so this is what lets members
 * (and the admin email) sign in through the hosted pages at all. An existing
 * user keeps its status: a deactivated dashboard user stays locked out.
 * Returns null for an address the identifier rules refuse.
 */
export async function ensureMemberAppUser(exec: Executor, ctx: Ctx, app: AppRow, email: string): Promise<AppUserRow | null> {
  const parsed = parseEmail(email);
  if (!parsed) return null;
  const { user } = await findOrCreateUser(exec, ctx, {
    app,
    identifier: { kind: "email", value: parsed.normalized, normalized: parsed.normalized },
    status: "active",
  });
  return user;
}
