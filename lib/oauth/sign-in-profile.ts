import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userIdentities } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail } from "@/lib/identifiers/parse-identifier";
import type { ProviderProfile } from "@/lib/oauth/profile";
import { assertCanAuthenticate } from "@/lib/sessions/start-session";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { findUserById, findUserByIdentifier } from "@/lib/users/find-user";
import type { AppUserRow } from "@/lib/users/serialize";
import { verifyUserEmail } from "@/lib/users/verify-user-email";

/**
 * Inside the callback's transaction: the app user a provider account signs
 * in as (spec §6.5). A linked identity (provider + subject) wins; otherwise
 * the user with the provider's verified email is linked, or one is created
 * (`public_signup` respected). Inactive users are refused before any write
 * (threats T25). The provider vouched for the address, so a matching user's
 * email becomes verified and a pending user active.
 */
export async function signInProfile(
  tx: Executor,
  ctx: Ctx,
  input: { app: AppRow; provider: string; profile: ProviderProfile },
  attempt = 0,
): Promise<AppUserRow> {
  const { app, provider, profile } = input;
  const email = profile.emailVerified && profile.email ? parseEmail(profile.email) : null;
  if (!email) throw new AppError("oauth_email_unverified");

  const [identity] = await tx
    .select()
    .from(userIdentities)
    .where(and(eq(userIdentities.appId, app.id), eq(userIdentities.provider, provider), eq(userIdentities.subject, profile.subject)))
    .limit(1);
  let user = identity ? await findUserById(app.id, identity.appUserId, tx) : null;

  if (identity && user) {
    assertCanAuthenticate(user);
    await tx
      .update(userIdentities)
      .set({ email: email.value, lastSignInAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(userIdentities.id, identity.id), eq(userIdentities.appId, app.id)));
  } else {
    const identifier = { kind: "email" as const, ...email };
    user = await findUserByIdentifier(app.id, identifier, tx);
    if (!user) {
      if (!app.publicSignup) throw new AppError("public_signup_disabled");
      ({ user } = await findOrCreateUser(tx, ctx, { app, identifier }));
    }
    assertCanAuthenticate(user);
    const [linked] = await tx
      .insert(userIdentities)
      .values({
        appId: app.id,
        appUserId: user.id,
        provider,
        subject: profile.subject,
        email: email.value,
        lastSignInAt: ctx.now,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning({ id: userIdentities.id });
    // A concurrent callback of the same account linked it first: sign in as that link says.
    if (!linked) {
      if (attempt > 0) throw new Error("user identity link raced twice");
      return signInProfile(tx, ctx, input, attempt + 1);
    }
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      appUserId: user.id,
      slug: "user.identity_linked",
      params: { user_id: user.id, provider },
    });
  }

  if (user.email && user.email.toLowerCase() === email.normalized && (!user.emailVerified || user.status !== "active")) {
    user = await verifyUserEmail(tx, ctx, { app, user, via: "oauth" });
  }
  return user;
}
