import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { finalizeVerification } from "@/lib/verifications/finalize-verification";
import { closedPage, formPage, type LinkPage, notFoundPage, outcomePage, resolveLink } from "@/lib/verifications/link-page";
import { submitCode } from "@/lib/verifications/submit-code";
import type { VerificationRow } from "@/lib/verifications/types";

export interface LinkSubmission {
  appId: string;
  linkToken: string;
  /** `confirm` | `approve` | `deny`; anything else re-shows the form. */
  decision?: string;
  code?: string;
}

/**
 * POST /v1/verify/{app_id}/v/{link_token} (spec §15.12): the recipient's
 * explicit action. Dismiss mode: `confirm` (with the code for OTP
 * verifications) verifies. Consent mode: `approve` (with the code for OTP)
 * verifies with `consent_decision: approved`; `deny` denies. One guarded
 * UPDATE decides: a second submission sees the closed state.
 */
export async function submitVerificationLink({ ctx, input }: { ctx: Ctx; input: LinkSubmission }): Promise<LinkPage> {
  const target = await resolveLink(input.appId, input.linkToken);
  if (!target) return notFoundPage();
  const closed = closedPage(target, ctx.now);
  if (closed) return closed;
  const { app, row } = target;
  const consent = app.verificationMode === "consent";
  const db = await getDb();

  let result: VerificationRow | null;
  if (consent && input.decision === "deny") {
    result = await db.transaction((tx) => finalizeVerification(tx, ctx, app, row, { status: "denied" }));
  } else if (consent ? input.decision !== "approve" : input.decision !== "confirm" && input.decision !== undefined) {
    return formPage(target, consent ? "Choose Approve or Deny." : "Press Confirm to continue.", 400);
  } else if (row.verificationType === "otp") {
    if (!input.code?.trim()) return formPage(target, "Enter the code we sent you.", 400);
    try {
      result = await submitCode(ctx, app, row, input.code, consent ? "approved" : null);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const remaining = error.extra?.remaining_attempts;
      if (error.code === "invalid_code" && typeof remaining === "number") {
        return formPage(target, `That code is not right. ${remaining} ${remaining === 1 ? "try" : "tries"} left.`, 422);
      }
      const after = await resolveLink(input.appId, input.linkToken);
      return (after && closedPage(after, ctx.now)) ?? formPage(target, "That code is not right.", 422);
    }
  } else {
    result = await db.transaction((tx) =>
      finalizeVerification(tx, ctx, app, row, { status: "verified", consentDecision: consent ? "approved" : null }),
    );
  }
  if (!result) {
    const after = await resolveLink(input.appId, input.linkToken);
    return after ? (closedPage(after, ctx.now) ?? formPage(after)) : notFoundPage();
  }
  return outcomePage(ctx, target, result);
}
