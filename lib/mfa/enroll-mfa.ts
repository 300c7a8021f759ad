import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { mfaEnrollments } from "@/db/schema";
import { issueChallenge } from "@/lib/challenges/issue-challenge";
import { toChallengeResponse } from "@/lib/challenges/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { newId } from "@/lib/ids";
import { toEnrollment } from "@/lib/mfa/serialize";
import { allowedMfaMethods, type MfaEnrollmentMethod } from "@/lib/mfa/state";
import { newTotpSecret, provisioningUri, sealTotpSecret } from "@/lib/mfa/totp";
import type { AccessPrincipal } from "@/lib/sessions/authenticate-session";

/**
 * POST /mfa/enroll (spec §14.8): start enrolling a factor, unverified until
 * /mfa/enroll/verify. TOTP answers the base32 secret and its `otpauth://`
 * URI once (only the sealed secret is stored); email/SMS send a code to the
 * destination through a `verify_contact` challenge. Earlier unverified
 * enrollments of the same method are dropped.
 */
export async function enrollMfa({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: AccessPrincipal; method: MfaEnrollmentMethod; name?: string; identifier?: string };
}): Promise<Record<string, unknown>> {
  const { app, user } = input.principal;
  const { method } = input;
  if (!allowedMfaMethods(app).includes(method)) throw new AppError("mfa_method_not_available");
  let identifier: string | null = null;
  if (method !== "totp") {
    const kind = method === "email_otp" ? "email" : "phone";
    const raw = input.identifier ?? (kind === "email" ? user.email : user.phone);
    const parsed = raw ? parseIdentifier(raw) : null;
    if (!parsed || parsed.kind !== kind) throw new AppError("invalid_identifier");
    identifier = parsed.value;
  }
  const secret = method === "totp" ? newTotpSecret() : null;
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx
      .delete(mfaEnrollments)
      .where(
        and(
          eq(mfaEnrollments.appUserId, user.id),
          eq(mfaEnrollments.appId, app.id),
          eq(mfaEnrollments.method, method),
          eq(mfaEnrollments.verified, false),
        ),
      );
    const [enrollment] = await tx
      .insert(mfaEnrollments)
      .values({
        id: newId(),
        appId: app.id,
        appUserId: user.id,
        method,
        name: input.name ?? null,
        secretEncrypted: secret ? sealTotpSecret(secret) : null,
        identifier,
        verified: false,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning();
    if (!enrollment) throw new Error("enrollment insert returned nothing");
    if (secret) {
      const label = user.email ?? user.phone ?? user.id;
      return {
        enrollment: toEnrollment(enrollment),
        secret,
        provisioning_uri: provisioningUri(secret, { issuer: app.name, label }),
      };
    }
    const created = await issueChallenge(tx, ctx, {
      app,
      appUserId: user.id,
      purpose: "verify_contact",
      method,
      identifier,
      mfaEnrollmentId: enrollment.id,
      intent: "mfa_enroll",
    });
    return {
      enrollment: toEnrollment(enrollment),
      challenge: toChallengeResponse(created.challenge, { token: created.token, now: ctx.now }),
    };
  });
}
