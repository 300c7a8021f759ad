import { getDb } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { issueMagicLink } from "@/lib/magic-links/issue-magic-link";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { appForActor } from "@/lib/tenancy";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { findUserByIdentifier } from "@/lib/users/find-user";
import { requireLiveApp } from "@/lib/users/require-live-app";
import { type AppUserRow } from "@/lib/users/serialize";

export interface CreateUserInput {
  /** The `{app_id}` path value. */
  appId: string;
  identifier: string;
  userMeta?: Record<string, unknown>;
  /** With a secret: also email a confirmation link (never sent otherwise). */
  sendConfirmation?: boolean;
  acceptLanguage?: string | null;
}

/**
 * Create a user (spec §12.2, C35). With a valid secret for the app: `active`,
 * unverified, silent unless `sendConfirmation`. Without one: only when the
 * app allows public sign-up (else 401 api_key_required), as `pending`, with a
 * confirmation (register) link emailed to email identifiers. Valid meta is
 * stored, invalid keys are reported. An existing identifier is 409.
 */
export async function createUser({ ctx, input }: { ctx: Ctx; input: CreateUserInput }): Promise<{
  app: AppRow;
  user: AppUserRow;
  userMetaErrors: Record<string, string[]>;
}> {
  const trusted = ctx.actor.type === "apiKey";
  const app = trusted ? await appForActor(ctx, input.appId) : await requireLiveApp(input.appId);
  if (!trusted && !app.publicSignup) {
    throw new AppError({ code: "api_key_required", message: "API key required: public sign-up is disabled for this app" });
  }
  const identifier = parseIdentifier(input.identifier);
  if (!identifier || !app.allowedIdentifiers.includes(identifier.kind)) throw new AppError("invalid_identifier");

  const db = await getDb();
  return db.transaction(async (tx) => {
    if (await findUserByIdentifier(app.id, identifier, tx)) throw new AppError("identifier_taken");
    const { valid, errors } = validateUserMeta(await listMetaFields(app.id, tx), input.userMeta);
    const { user, created } = await findOrCreateUser(tx, ctx, {
      app,
      identifier,
      status: trusted ? "active" : "pending",
      meta: valid,
    });
    if (!created) throw new AppError("identifier_taken");
    if (identifier.kind === "email" && (!trusted || input.sendConfirmation)) {
      await issueMagicLink(tx, ctx, {
        app,
        user,
        kind: "register",
        webauthnEnabled: false,
        userMeta: valid,
        acceptLanguage: input.acceptLanguage,
      });
    }
    return { app, user, userMetaErrors: errors };
  });
}
