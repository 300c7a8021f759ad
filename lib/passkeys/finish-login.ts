/**
 * POST /webauthn/login/finalize (spec §9.4; threats T18). Order matters:
 * 1. the ceremony named by clientDataJSON is consumed (own statement: a
 *    failed attempt burns it too);
 * 2. the credential is looked up within the app; it must belong to the
 *    ceremony's user (when the options named one) and match `userHandle`;
 * 3. the assertion is verified (type, challenge, origin, RP ID hash, UP, UV,
 *    signature);
 * 4. the sign counter must increase when either side is non-zero: otherwise
 *    `passkey.counter_regression` is recorded (it survives the refusal) and
 *    the login refused;
 * 5. in one transaction: the counter and backup state are updated (guarded on
 *    the counter read, so two racing uses of one assertion cannot both win),
 *    the user checked, MFA consulted, and a `webauthn` session carrying
 *    `crid` started.
 * Every credential failure answers the same 401 webauthn_failed (no
 * enumeration of credential ids).
 */
import { type AuthenticationResponseJSON, verifyAuthenticationResponse } from "@simplewebauthn/server";
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webauthnCredentials } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import type { MfaRequiredBody } from "@/lib/otp/complete-otp-sign-in";
import { assertPasskeysEnabled } from "@/lib/passkeys/begin-registration";
import { challengeMatcher, consumeCeremony } from "@/lib/passkeys/ceremonies";
import { userHandleOf } from "@/lib/passkeys/encoding";
import { credentialById } from "@/lib/passkeys/find-credentials";
import { mfaRequiredAfterPasskey } from "@/lib/passkeys/mfa-gate";
import { originMatchesRpId, type PasskeySurface, relyingParty } from "@/lib/passkeys/relying-party";
import type { AssertionInput } from "@/lib/passkeys/schemas";
import { safeEqual } from "@/lib/crypto";
import { assertCanAuthenticate, startSession, type TokenPayload } from "@/lib/sessions/start-session";
import { findUserById } from "@/lib/users/find-user";
import { requireLiveApp } from "@/lib/users/require-live-app";

const failed = () => new AppError("webauthn_failed");

export async function finishLogin({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; body: AssertionInput; request?: Request; surface?: PasskeySurface };
}): Promise<TokenPayload | MfaRequiredBody> {
  const app = await requireLiveApp(input.appId);
  assertPasskeysEnabled(app);
  const { body } = input;
  const { ceremony } = await consumeCeremony(ctx, { appId: app.id, clientDataJSON: body.response.clientDataJSON, types: ["login"] });

  const credential = await credentialById(app.id, body.id);
  if (!credential) throw failed();
  if (ceremony.appUserId && ceremony.appUserId !== credential.appUserId) throw failed();
  const handle = body.response.userHandle;
  if (handle && !safeEqual(handle, userHandleOf(credential.appUserId))) throw failed();

  const rp = relyingParty(app, input.surface ?? "api");
  let info: Awaited<ReturnType<typeof verifyAuthenticationResponse>>["authenticationInfo"];
  try {
    const result = await verifyAuthenticationResponse({
      response: body as unknown as AuthenticationResponseJSON,
      expectedChallenge: challengeMatcher(ceremony),
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      expectedType: "webauthn.get",
      // The counter rule is applied below, so that a regression can be recorded.
      credential: { id: credential.credentialId, publicKey: Buffer.from(credential.publicKey, "base64url"), counter: 0 },
      requireUserVerification: ceremony.userVerification === "required",
    });
    if (!result.verified) throw failed();
    info = result.authenticationInfo;
  } catch {
    throw failed();
  }
  if (!originMatchesRpId(info.origin, rp.rpID)) throw failed();

  const stored = credential.counter;
  const next = info.newCounter;
  const db = await getDb();
  if ((stored > 0 || next > 0) && next <= stored) {
    await recordEvent(db, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: credential.appUserId,
      slug: "passkey.counter_regression",
      params: { user_id: credential.appUserId, credential_id: credential.credentialId, stored_counter: stored, presented_counter: next },
    });
    throw failed();
  }

  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(webauthnCredentials)
      .set({
        counter: next,
        backedUp: info.credentialBackedUp,
        deviceType: info.credentialDeviceType,
        lastUsedAt: ctx.now,
        updatedAt: ctx.now,
      })
      .where(
        and(
          eq(webauthnCredentials.id, credential.id),
          eq(webauthnCredentials.appId, app.id),
          eq(webauthnCredentials.counter, stored),
        ),
      )
      .returning();
    if (!used) throw failed();
    const user = await findUserById(app.id, credential.appUserId, tx);
    if (!user) throw failed();
    assertCanAuthenticate(user);
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "passkey.login",
      params: { user_id: user.id, credential_id: used.credentialId, counter: next, backed_up: used.backedUp },
    });
    const mfa = await mfaRequiredAfterPasskey(tx, ctx, { app, user, credentialId: used.credentialId });
    if (mfa) return mfa;
    const { payload } = await startSession(tx, ctx, {
      app,
      user,
      type: "webauthn",
      credentialId: used.credentialId,
      request: input.request,
    });
    return payload;
  });
}
