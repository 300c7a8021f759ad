import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findVerificationForCaller } from "@/lib/verifications/access";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/** DELETE /v1/verify/{app_id}/verifications/{id} (spec §15.6): pending → cancelled, else 422 `not_pending`. */
export async function cancelVerification({ ctx, input }: { ctx: Ctx; input: { principal: VerifyCallerPrincipal; id: string } }): Promise<VerificationRow> {
  const row = await findVerificationForCaller(input.principal, input.id);
  if (row.status !== "pending") throw new AppError("not_pending");
  const db = await getDb();
  const closed = await db.transaction((tx) => finalizeVerification(tx, ctx, input.principal.app, row, { status: "cancelled" }));
  if (!closed) throw new AppError("not_pending");
  return closed;
}
