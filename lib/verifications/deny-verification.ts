import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findVerificationForCaller } from "@/lib/verifications/access";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/** POST …/verifications/{id}/deny (spec §15.8): pending → denied, `consent_decision: "denied"`, webhook `…denied`. */
export async function denyVerification({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: VerifyCallerPrincipal; id: string; reason?: string };
}): Promise<VerificationRow> {
  const row = await findVerificationForCaller(input.principal, input.id);
  if (row.status !== "pending") throw new AppError("not_pending");
  const db = await getDb();
  const closed = await db.transaction((tx) => finalizeVerification(tx, ctx, input.principal.app, row, { status: "denied", reason: input.reason ?? null }));
  if (!closed) throw new AppError("not_pending");
  return closed;
}
