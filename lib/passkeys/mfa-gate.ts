import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { type MfaRequiredBody, requireSecondFactor } from "@/lib/mfa/start-mfa-challenge";
import type { AppUserRow } from "@/lib/users/serialize";

/**
 * MFA after a passkey (spec §9.4, §14.7): a passkey login skips MFA unless the
 * app sets `webauthn_skips_mfa=false`, in which case the MFA gate decides. The
 * passkey rides on the `mfa` challenge, so the session started once the second
 * factor is passed is a `webauthn` session carrying `crid`.
 */
export async function mfaRequiredAfterPasskey(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; credentialId?: string | null },
): Promise<MfaRequiredBody | null> {
  if (input.app.webauthnSkipsMfa) return null;
  return requireSecondFactor(tx, ctx, {
    app: input.app,
    user: input.user,
    primary: { sessionType: "webauthn", credentialId: input.credentialId ?? null },
  });
}
