/**
 * POST /webauthn/login/initialize (spec §9.3): request options listing every
 * credential of the user in `allowCredentials` (none registered → empty
 * list, the SDK falls back). Without an identifier (hosted autofill,
 * discoverable credentials) the options name no credential and the
 * ceremony no user: the assertion's credential decides who signs in.
 */
import { generateAuthenticationOptions } from "@simplewebauthn/server";
import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { assertPasskeysEnabled } from "@/lib/passkeys/begin-registration";
import { CEREMONY_TIMEOUT_MS, storeCeremony } from "@/lib/passkeys/ceremonies";
import { credentialsOfUser } from "@/lib/passkeys/find-credentials";
import { type PasskeySurface, relyingParty } from "@/lib/passkeys/relying-party";
import { findUserByIdentifier } from "@/lib/users/find-user";
import { requireLiveApp } from "@/lib/users/require-live-app";

export interface RequestOptions {
  user_verification: "required";
  options: Awaited<ReturnType<typeof generateAuthenticationOptions>>;
}

export async function beginLogin({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; identifier?: string | null; surface?: PasskeySurface };
}): Promise<RequestOptions> {
  const app = await requireLiveApp(input.appId);
  assertPasskeysEnabled(app);
  const rp = relyingParty(app, input.surface ?? "api");
  const db = await getDb();
  let appUserId: string | null = null;
  let allowCredentials: { id: string; transports: string[] }[] | undefined;
  const raw = input.identifier?.trim();
  if (raw) {
    const identifier = parseIdentifier(raw.slice(0, 320));
    if (!identifier) throw new AppError("invalid_identifier");
    const user = await findUserByIdentifier(app.id, identifier, db);
    if (!user) throw new AppError("user_not_found");
    appUserId = user.id;
    allowCredentials = (await credentialsOfUser(app.id, user.id, db)).map((c) => ({ id: c.credentialId, transports: c.transports }));
  }
  const options = await generateAuthenticationOptions({
    rpID: rp.rpID,
    timeout: CEREMONY_TIMEOUT_MS,
    userVerification: "required",
    ...(allowCredentials ? { allowCredentials } : {}),
  });
  if (allowCredentials && !options.allowCredentials) options.allowCredentials = [];
  await storeCeremony(db, ctx, { appId: app.id, challenge: options.challenge, type: "login", appUserId, userVerification: "required" });
  return { user_verification: "required", options };
}
