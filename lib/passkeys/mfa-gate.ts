import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { type MfaRequiredBody, mfaRequiredAfterPrimary } from "@/lib/otp/complete-otp-sign-in";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * MFA after a passkey (spec §9.4, §14.7): a passkey login skips MFA unless the
 * app sets `webauthn_skips_mfa=false`, in which case the shared MFA seam
 * decides. The seam's `primary` names the first factor's challenge; a passkey
 * has none (its ceremony is not a challenge row), so null is passed — the
 * seam must accept that when MFA lands (see the passkeys report).
 */
export async function mfaRequiredAfterPasskey(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow },
): Promise<MfaRequiredBody | null> {
  if (input.app.webauthnSkipsMfa) return null;
  return mfaRequiredAfterPrimary(tx, ctx, { app: input.app, user: input.user, primary: null });
}
