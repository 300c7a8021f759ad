import type { Ctx } from "@/lib/context";
import { toEnrollment } from "@/lib/mfa/serialize";
import { enrollmentsOf, unusedBackupCodes } from "@/lib/mfa/state";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

/** GET /mfa/methods and /mfa/status (spec §14.8): the caller's enrollments; `mfa_enabled` = any verified. */
export async function listMfaMethods({ input }: { ctx: Ctx; input: { principal: AccessPrincipal } }) {
  const { app, user } = input.principal;
  const rows = await enrollmentsOf(app.id, user.id);
  return {
    mfa_enabled: rows.some((e) => e.verified),
    policy: app.mfaPolicy,
    backup_codes_available: await unusedBackupCodes(user.id),
    methods: rows.map(toEnrollment),
  };
}
