import type { Ctx } from "@/lib/context";
import { findVerificationForCaller, serializeOne } from "@/lib/verifications/access";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/** GET /v1/verify/{app_id}/verifications/{id} (spec §15.5, C18): the object plus its status at top level. */
export async function getVerification({ ctx, input }: { ctx: Ctx; input: { principal: VerifyCallerPrincipal; id: string } }) {
  void ctx;
  const row = await findVerificationForCaller(input.principal, input.id);
  return { verification: await serializeOne(input.principal.app, row), status: row.status };
}
