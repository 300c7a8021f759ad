import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findUserById } from "@/lib/users/find-user";
import { findVerificationForCaller } from "@/lib/verifications/access";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import { consumeContactLimit, issueVerification } from "@/lib/verifications/issue-verification";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/**
 * POST …/verifications/{id}/resend (spec §15.7; threats T2, T6): a pending
 * (or expired) verification is cancelled and a fresh one with the same
 * parameters is sent (new link and code; the old ones stop working). A resend
 * counts against the contact's hourly limit like any send.
 */
export async function resendVerification({ ctx, input }: { ctx: Ctx; input: { principal: VerifyCallerPrincipal; id: string } }): Promise<VerificationRow> {
  const { app } = input.principal;
  const old = await findVerificationForCaller(input.principal, input.id);
  if (old.status !== "pending" && old.status !== "expired") throw new AppError("not_pending");
  const recipient = old.toAppUserId ? await findUserById(app.id, old.toAppUserId) : null;
  if (!recipient) throw new AppError("user_not_found");
  // Check the limit before cancelling, so a refused resend leaves the old verification usable.
  await consumeContactLimit(ctx, app, old.identifier);
  if (old.status === "pending") {
    const db = await getDb();
    await db.transaction((tx) => finalizeVerification(tx, ctx, app, old, { status: "cancelled" }));
  }
  return issueVerification(ctx, {
    app,
    recipient,
    identifier: old.identifier,
    channel: old.channel,
    verificationType: old.verificationType,
    reason: old.reason,
    intent: old.intent,
    recipientName: old.recipientName,
    metaData: old.metaData,
    metadata: old.metadata,
    redirectUrl: old.redirectUrl,
    appUserId: old.appUserId,
    replacesId: old.id,
    skipContactLimit: true,
  });
}
