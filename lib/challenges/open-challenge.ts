import { and, desc, eq, gt, gte, or, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { issueChallenge } from "@/lib/challenges/issue-challenge";
import type { ChallengeCreateInput } from "@/lib/challenges/schemas";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import type { ChallengeMethod, ChallengeRow } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { isUuid } from "@/lib/ids";
import { issueMfaChallenge, primaryOf } from "@/lib/mfa/start-mfa-challenge";
import { allowedMfaMethods, enrollmentFor, mfaFactsOf } from "@/lib/mfa/state";
import { appForActor } from "@/lib/tenancy";
import { urlOnOrigins } from "@/lib/urls";
import { findUserById, findUserByIdentifier } from "@/lib/users/find-user";
import type { AppUserRow } from "@/lib/users/serialize";
import { requireLiveApp } from "@/lib/users/require-live-app";

/** Methods a challenge can be created with today (magic_link, webauthn and the rest are not built yet). */
const SUPPORTED: readonly ChallengeMethod[] = ["email_otp", "sms_otp", "totp", "backup_code"];
/** How long after a cancel an `mfa` challenge still lets the SDK switch methods without a secret (spec §14.1). */
export const MFA_SWITCH_GRACE_MS = 10 * 60 * 1000;

/**
 * POST /challenges (spec §14.1). With the app's secret: every purpose, for a
 * user or an identifier. Without one: only the SDK's MFA method switch, for a
 * user with an MFA context — a pending, or cancelled in the last ten minutes,
 * unexpired `mfa` challenge opened by a primary sign-in — so the SDK may fire
 * its DELETE of the old challenge and this POST in either order. Everything
 * else without a secret is 401, unknown users included (no enumeration).
 */
export async function openChallenge({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; body: ChallengeCreateInput };
}): Promise<{ challenge: Record<string, unknown> }> {
  const { body } = input;
  if (ctx.actor.type !== "apiKey") return switchMfaMethod(ctx, await requireLiveApp(input.appId), body);
  const app = await appForActor(ctx, input.appId);
  if (!SUPPORTED.includes(body.method)) throw new AppError({ code: "invalid_method", message: `Method ${body.method} is not supported` });
  for (const url of [body.redirect_url, body.callback_url]) {
    if (url && !urlOnOrigins(url, [app.origin, ...app.additionalOrigins])) {
      throw new AppError({ code: "bad_request", message: "redirect_url and callback_url must be on the app's origins" });
    }
  }
  const user = await targetUser(app, body);
  if (!user && (body.purpose === "authenticate" || body.purpose === "mfa" || body.purpose === "step_up")) {
    throw new AppError({ code: "bad_request", message: "app_user_id is required for this purpose" });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const common = {
      expiresInSeconds: body.expires_in,
      maxAttempts: body.max_attempts,
      metadata: body.metadata ?? {},
      intent: body.intent ?? null,
      intentFields: body.intent_fields ?? null,
    };
    let created: Awaited<ReturnType<typeof issueChallenge>>;
    if (body.purpose === "mfa" && user) {
      const facts = await mfaFactsOf(app, user.id, tx);
      created = await issueMfaChallenge(tx, ctx, { app, user, method: body.method, facts, primary: { sessionType: "misc" }, ...common });
    } else {
      const facts = user ? await mfaFactsOf(app, user.id, tx) : null;
      const enrollment = facts && body.method !== "backup_code" ? enrollmentFor(facts, body.method) : null;
      if (body.method === "totp" || body.method === "backup_code") {
        const ok = facts?.available.includes(body.method) && allowedMfaMethods(app).includes(body.method);
        if (!ok) throw new AppError("mfa_method_not_available");
      }
      created = await issueChallenge(tx, ctx, {
        app,
        appUserId: user?.id ?? null,
        purpose: body.purpose,
        method: body.method,
        identifier: destination(body, user, enrollment?.identifier ?? null),
        mfaEnrollmentId: enrollment?.id ?? null,
        redirectUrl: body.redirect_url ?? null,
        callbackUrl: body.callback_url ?? null,
        initiatorType: body.initiator_type ?? "admin",
        initiatorId: body.initiator_id ?? null,
        parentChallengeId: body.parent_challenge_id && isUuid(body.parent_challenge_id) ? body.parent_challenge_id : null,
        ...common,
      });
    }
    return { challenge: toChallengeResponse(created.challenge, { token: created.token, now: ctx.now }) };
  });
}

async function targetUser(app: AppRow, body: ChallengeCreateInput): Promise<AppUserRow | null> {
  if (body.app_user_id) {
    const user = await findUserById(app.id, body.app_user_id);
    if (!user) throw new AppError("user_not_found");
    return user;
  }
  if (!body.identifier) throw new AppError({ code: "bad_request", message: "app_user_id or identifier is required" });
  const identifier = parseIdentifier(body.identifier);
  if (!identifier) throw new AppError("invalid_identifier");
  return findUserByIdentifier(app.id, identifier);
}

/** Where an OTP challenge's code goes: the given identifier, else the enrolled one, else the user's own. */
function destination(body: ChallengeCreateInput, user: AppUserRow | null, enrolled: string | null): string | null {
  if (body.method !== "email_otp" && body.method !== "sms_otp") return null;
  const wantKind = body.method === "email_otp" ? "email" : "phone";
  if (body.identifier) {
    const parsed = parseIdentifier(body.identifier);
    if (!parsed || parsed.kind !== wantKind) throw new AppError("invalid_identifier");
    return parsed.value;
  }
  const own = wantKind === "email" ? user?.email : user?.phone;
  const to = enrolled ?? own ?? null;
  if (!to) throw new AppError({ code: "bad_request", message: `The user has no ${wantKind} to send the code to` });
  return to;
}

/** The user's MFA context: their newest `mfa` challenge from a sign-in that is open, or was cancelled just now. */
export async function findMfaContext(tx: Executor, ctx: Ctx, appId: string, appUserId: string): Promise<ChallengeRow | null> {
  // challenges_user_purpose_idx (app_user_id, purpose, updated_at)
  const rows = await tx
    .select()
    .from(challenges)
    .where(
      and(
        eq(challenges.appUserId, appUserId),
        eq(challenges.purpose, "mfa"),
        eq(challenges.appId, appId),
        gt(challenges.expiresAt, ctx.now),
        sql`${challenges.metadata} -> 'primary' is not null`,
        or(
          eq(challenges.status, "pending"),
          and(eq(challenges.status, "cancelled"), gte(challenges.updatedAt, new Date(ctx.now.getTime() - MFA_SWITCH_GRACE_MS))),
        ),
      ),
    )
    .orderBy(desc(challenges.createdAt), desc(challenges.id))
    .limit(5);
  return rows.find((r) => primaryOf(r) !== null) ?? null;
}

/** The SDK's credential-less switch (spec §14.1): a new `mfa` challenge continuing the same sign-in. */
async function switchMfaMethod(ctx: Ctx, app: AppRow, body: ChallengeCreateInput): Promise<{ challenge: Record<string, unknown> }> {
  const noContext = () => new AppError("api_key_required");
  if (body.purpose !== "mfa" || !body.app_user_id) throw noContext();
  const user = await findUserById(app.id, body.app_user_id);
  if (!user) throw noContext();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const parent = await findMfaContext(tx, ctx, app.id, user.id);
    const primary = parent ? primaryOf(parent) : null;
    if (!parent || !primary) throw noContext();
    const facts = await mfaFactsOf(app, user.id, tx);
    // Nothing else of the body is taken from an anonymous caller: attempts,
    // lifetime and metadata stay the server's (a larger max_attempts would
    // open the second factor to guessing).
    const created = await issueMfaChallenge(tx, ctx, {
      app,
      user,
      method: body.method,
      facts,
      primary,
      parentChallengeId: parent.id,
    });
    return { challenge: toChallengeResponse(created.challenge, { token: created.token, now: ctx.now }) };
  });
}
