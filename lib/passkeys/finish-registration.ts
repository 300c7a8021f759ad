/**
 * Registration finalize (spec §9.2, §9.6; threats T18): consume the ceremony
 * named by clientDataJSON, verify the attestation against the app's RP,
 * refuse a credential id already registered in the app (excludeCredentials
 * enforced server-side), store the credential byte for byte, and keep the
 * user's `webauthn_enabled` / `webauthn_types` true to the table.
 */
import { type RegistrationResponseJSON, verifyRegistrationResponse } from "@simplewebauthn/server";
import { and, eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers, webauthnCredentials } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { assertPasskeysEnabled, SUPPORTED_ALGORITHMS } from "@/lib/passkeys/begin-registration";
import { type CeremonyRow, challengeMatcher, consumeCeremony } from "@/lib/passkeys/ceremonies";
import { credentialById } from "@/lib/passkeys/find-credentials";
import { originMatchesRpId, type PasskeySurface, relyingParty } from "@/lib/passkeys/relying-party";
import { type AttestationInput, knownTransports } from "@/lib/passkeys/schemas";
import type { CredentialRow } from "@/lib/passkeys/serialize";
import { syncUserWebauthn } from "@/lib/passkeys/sync-user-webauthn";
import { assertCanAuthenticate, startSession, type TokenPayload } from "@/lib/sessions/start-session";
import { summarizeUserAgent } from "@/lib/user-agent";
import { findUserById } from "@/lib/users/find-user";
import { requireLiveApp } from "@/lib/users/require-live-app";
import type { AppUserRow } from "@/lib/users/serialize";

interface Verified {
  credentialId: string;
  publicKey: string;
  counter: number;
  aaguid: string;
  deviceType: "singleDevice" | "multiDevice";
  backedUp: boolean;
  transports: string[];
}

async function verifyAttestation(
  app: AppRow,
  surface: PasskeySurface,
  ceremony: CeremonyRow,
  body: AttestationInput,
): Promise<Verified> {
  const rp = relyingParty(app, surface);
  let result: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    result = await verifyRegistrationResponse({
      response: body as unknown as RegistrationResponseJSON,
      expectedChallenge: challengeMatcher(ceremony),
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpID,
      expectedType: "webauthn.create",
      requireUserVerification: ceremony.userVerification === "required",
      supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
    });
  } catch (error) {
    throw new AppError({
      code: "webauthn_registration_failed",
      extra: { reason: error instanceof Error ? error.message.slice(0, 200) : "verification failed" },
    });
  }
  const info = result.registrationInfo;
  if (!result.verified || !info || !originMatchesRpId(info.origin, rp.rpID)) throw new AppError("webauthn_registration_failed");
  // The id the browser names must be the one the authenticator attested: it is stored as given.
  if (info.credential.id !== body.id) {
    throw new AppError({ code: "webauthn_registration_failed", extra: { reason: "credential id does not match the attestation" } });
  }
  return {
    credentialId: body.id,
    publicKey: Buffer.from(info.credential.publicKey).toString("base64url"),
    counter: info.credential.counter,
    aaguid: info.aaguid,
    deviceType: info.credentialDeviceType,
    backedUp: info.credentialBackedUp,
    transports: knownTransports(body.response.transports),
  };
}

/** Insert the credential or refuse a duplicate id (409 credential_exists), then sync the user's flags. */
async function storeCredential(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; verified: Verified; userAgent: string | null },
): Promise<{ credential: CredentialRow; user: AppUserRow }> {
  const { app, user, verified } = input;
  const ua = input.userAgent ? input.userAgent.slice(0, 1024) : null;
  const [credential] = await tx
    .insert(webauthnCredentials)
    .values({
      appId: app.id,
      appUserId: user.id,
      credentialId: verified.credentialId,
      publicKey: verified.publicKey,
      counter: verified.counter,
      transports: verified.transports,
      aaguid: verified.aaguid,
      deviceType: verified.deviceType,
      backedUp: verified.backedUp,
      nickname: summarizeUserAgent(ua).displayName,
      userAgent: ua,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .onConflictDoNothing()
    .returning();
  if (!credential) throw new AppError("credential_exists");
  const synced = await syncUserWebauthn(tx, ctx, { appId: app.id, appUserId: user.id });
  await recordEvent(tx, ctx, {
    workspaceId: app.workspaceId,
    appId: app.id,
    appUserId: user.id,
    slug: "passkey.registered",
    params: {
      user_id: user.id,
      credential_id: credential.credentialId,
      aaguid: credential.aaguid,
      backed_up: credential.backedUp,
      nickname: credential.nickname,
    },
  });
  return { credential, user: synced };
}

async function checkedCeremonyUser(app: AppRow, ceremony: CeremonyRow, db: Executor): Promise<AppUserRow> {
  const user = ceremony.appUserId ? await findUserById(app.id, ceremony.appUserId, db) : null;
  if (!user) throw new AppError("webauthn_challenge_not_found");
  assertCanAuthenticate(user);
  return user;
}

/** POST /devices/finalize (spec §9.6): add the attested passkey to the signed-in user. */
export async function finishAddDevice({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: AppRow; user: AppUserRow; body: AttestationInput; userAgent: string | null; surface?: PasskeySurface };
}): Promise<CredentialRow> {
  const { app, body } = input;
  assertPasskeysEnabled(app);
  const { ceremony } = await consumeCeremony(ctx, { appId: app.id, clientDataJSON: body.response.clientDataJSON, types: ["add_device"] });
  // A ceremony started for another user (or another session's user) is not this caller's.
  if (ceremony.appUserId !== input.user.id) throw new AppError("webauthn_challenge_not_found");
  if (await credentialById(app.id, body.id)) throw new AppError("credential_exists");
  const verified = await verifyAttestation(app, input.surface ?? "api", ceremony, body);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const user = await checkedCeremonyUser(app, ceremony, tx);
    return (await storeCredential(tx, ctx, { app, user, verified, userAgent: input.userAgent })).credential;
  });
}

/**
 * POST /webauthn/register/finalize (spec §9.2): store the passkey of a
 * passkey-only sign-up, activate the user (applying the meta given at
 * initialize) and start a `webauthn` session carrying `crid`.
 */
export async function finishRegistration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; body: AttestationInput; request?: Request; surface?: PasskeySurface };
}): Promise<{ payload: TokenPayload; credential: CredentialRow; user: AppUserRow }> {
  const app = await requireLiveApp(input.appId);
  assertPasskeysEnabled(app);
  const { body } = input;
  const { ceremony } = await consumeCeremony(ctx, { appId: app.id, clientDataJSON: body.response.clientDataJSON, types: ["register"] });
  if (await credentialById(app.id, body.id)) throw new AppError("credential_exists");
  const verified = await verifyAttestation(app, input.surface ?? "api", ceremony, body);
  const userAgent = input.request?.headers.get("user-agent") ?? ctx.userAgent;
  const db = await getDb();
  return db.transaction(async (tx) => {
    const found = await checkedCeremonyUser(app, ceremony, tx);
    // Another passkey landed on this pending user since initialize: the first one wins.
    if (found.webauthnEnabled) throw new AppError("identifier_taken");
    const stored = await storeCredential(tx, ctx, { app, user: found, verified, userAgent });
    const [activated] = await tx
      .update(appUsers)
      .set({
        status: sql`case when ${appUsers.status} in ('pending', 'imported') then 'active' else ${appUsers.status} end`,
        meta: ceremony.userMeta
          ? sql`coalesce(${appUsers.meta}, '{}'::jsonb) || ${JSON.stringify(ceremony.userMeta)}::jsonb`
          : undefined,
        updatedAt: ctx.now,
      })
      .where(and(eq(appUsers.id, found.id), eq(appUsers.appId, app.id)))
      .returning();
    if (!activated) throw new Error("finishRegistration: user vanished");
    if (activated.status !== found.status) {
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        appUserId: activated.id,
        slug: "user.activated",
        params: { user_id: activated.id, previous_status: found.status, via: "passkey" },
      });
    }
    const { payload } = await startSession(tx, ctx, {
      app,
      user: activated,
      type: "webauthn",
      credentialId: stored.credential.credentialId,
      request: input.request,
    });
    return { payload, credential: stored.credential, user: activated };
  });
}
