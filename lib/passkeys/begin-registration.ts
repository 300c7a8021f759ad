/**
 * Registration options (spec §9.1, §9.5): a fresh challenge stored as a
 * ceremony, every credential of the user in `excludeCredentials`, and the
 * JSON form of the options (never wrapped in `publicKey`).
 */
import { generateRegistrationOptions } from "@simplewebauthn/server";
import { type Executor, getDb } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { CEREMONY_TIMEOUT_MS, type CeremonyType, storeCeremony } from "@/lib/passkeys/ceremonies";
import { userIdBytes } from "@/lib/passkeys/encoding";
import { credentialsOfUser } from "@/lib/passkeys/find-credentials";
import { type PasskeySurface, relyingParty } from "@/lib/passkeys/relying-party";
import { assertCanAuthenticate } from "@/lib/sessions/start-session";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { findUserByIdentifier } from "@/lib/users/find-user";
import { requireLiveApp } from "@/lib/users/require-live-app";
import type { AppUserRow } from "@/lib/users/serialize";

/** COSE algorithms offered and accepted: ES256 and RS256 (spec §9.5). */
export const SUPPORTED_ALGORITHMS = [-7, -257];

export interface CreationOptions {
  user_verification: "preferred";
  options: Awaited<ReturnType<typeof generateRegistrationOptions>>;
  user_meta_errors?: Record<string, string[]>;
}

export function assertPasskeysEnabled(app: Pick<AppRow, "passkeysEnabled">): void {
  if (!app.passkeysEnabled) throw new AppError("passkeys_disabled");
}

/** Options for `user` and the stored ceremony (`tx` is the caller's transaction, if any). */
async function optionsFor(
  ctx: Ctx,
  input: { app: AppRow; user: AppUserRow; type: CeremonyType; surface: PasskeySurface; userMeta?: Record<string, unknown> },
  db?: Executor,
): Promise<CreationOptions> {
  const { app, user } = input;
  const exec = db ?? (await getDb());
  const rp = relyingParty(app, input.surface);
  const existing = await credentialsOfUser(app.id, user.id, exec);
  const userName = user.email ?? user.phone ?? user.id;
  const displayName = [user.firstName, user.lastName].filter(Boolean).join(" ") || userName;
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpID,
    userName,
    userID: userIdBytes(user.id),
    userDisplayName: displayName,
    timeout: CEREMONY_TIMEOUT_MS,
    attestationType: "none",
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
    supportedAlgorithmIDs: SUPPORTED_ALGORITHMS,
  });
  await storeCeremony(exec, ctx, {
    appId: app.id,
    challenge: options.challenge,
    type: input.type,
    appUserId: user.id,
    userVerification: "required",
    userMeta: input.userMeta,
  });
  return { user_verification: "preferred", options };
}

/**
 * POST /devices/register (spec §9.5): options to add a passkey to the
 * signed-in user.
 */
export async function beginAddDevice({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: AppRow; user: AppUserRow; surface?: PasskeySurface };
}): Promise<CreationOptions> {
  assertPasskeysEnabled(input.app);
  assertCanAuthenticate(input.user);
  return optionsFor(ctx, { app: input.app, user: input.user, type: "add_device", surface: input.surface ?? "api" });
}

/**
 * POST /webauthn/register/initialize (spec §9.1): passkey-only sign-up.
 * Creates the user as `pending` when absent (public sign-up only). An
 * identifier that already belongs to an active or verified user, or to a
 * pending user who already holds a passkey, is refused with 409
 * identifier_taken: an unauthenticated call never adds a passkey to an
 * existing account (they sign in and use /devices/register).
 */
export async function beginRegistration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; identifier: string; userMeta?: Record<string, unknown>; surface?: PasskeySurface };
}): Promise<CreationOptions> {
  const app = await requireLiveApp(input.appId);
  assertPasskeysEnabled(app);
  const identifier = parseIdentifier(input.identifier.trim().slice(0, 320));
  if (!identifier || !app.allowedIdentifiers.includes(identifier.kind)) throw new AppError("invalid_identifier");
  const db = await getDb();
  return db.transaction(async (tx) => {
    let metaErrors: Record<string, string[]> = {};
    let validMeta: Record<string, unknown> = {};
    if (input.userMeta && Object.keys(input.userMeta).length) {
      ({ valid: validMeta, errors: metaErrors } = validateUserMeta(await listMetaFields(app.id, tx), input.userMeta));
    }
    const existing = await findUserByIdentifier(app.id, identifier, tx);
    if (!existing && !app.publicSignup) throw new AppError("public_signup_disabled");
    if (existing) {
      assertCanAuthenticate(existing);
      const claimed =
        existing.status === "active" || existing.emailVerified || existing.phoneVerified || existing.webauthnEnabled;
      if (claimed) throw new AppError("identifier_taken");
    }
    const { user } = existing ? { user: existing } : await findOrCreateUser(tx, ctx, { app, identifier });
    const result = await optionsFor(ctx, { app, user, type: "register", surface: input.surface ?? "api", userMeta: validMeta }, tx);
    return { ...result, user_meta_errors: metaErrors };
  });
}
