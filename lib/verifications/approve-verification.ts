import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findVerificationForCaller } from "@/lib/verifications/access";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/**
 * POST …/verifications/{id}/approve (spec §15.9): the signed-in recipient
 * approves (their session proves who they are); backends cannot approve on
 * a contact's behalf (403). pending → verified, `consent_decision: "approved"`.
 */
export async function approveVerification({ ctx, input }: { ctx: Ctx; input: { principal: VerifyCallerPrincipal; id: string } }): Promise<VerificationRow> {
  if (input.principal.kind !== "user") {
    throw new AppError({ code: "forbidden", message: "Only the recipient (a user access token) can approve a verification" });
  }
  const row = await findVerificationForCaller(input.principal, input.id);
  if (row.status !== "pending") throw new AppError("not_pending");
  const db = await getDb();
  const closed = await db.transaction((tx) =>
    finalizeVerification(tx, ctx, input.principal.app, row, { status: "verified", consentDecision: "approved" }),
  );
  if (!closed) throw new AppError("not_pending");
  return closed;
}
