import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import { type CreateChallengeInput, type CreatedChallenge, createChallenge } from "@/lib/challenges/create-challenge";
import { CODE_METHODS } from "@/lib/challenges/types";
import type { Ctx } from "@/lib/context";
import { sendCodeEmail } from "@/lib/email/send-code-email";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { isTestIdentity, TEST_IDENTITY_CODE } from "@/lib/otp/test-identities";
import { sendCodeSms } from "@/lib/sms/send-code-sms";

/**
 * Create a challenge and, for the code methods (`email_otp`, `sms_otp`),
 * queue its code to `identifier` in the same transaction (spec §14.1: OTP
 * methods are delivered immediately), so no code is ever sent for a challenge
 * that does not exist. Test identities (spec §1.11) get the fixed code and no
 * message. Methods without delivery get no code.
 */
export async function issueChallenge(
  tx: Executor,
  ctx: Ctx,
  input: Omit<CreateChallengeInput, "appId" | "codeLength" | "fixedCode"> & { app: AppRow },
): Promise<CreatedChallenge> {
  const { app, ...rest } = input;
  const delivered = CODE_METHODS.includes(input.method);
  if (delivered && !input.identifier) throw new Error(`a ${input.method} challenge needs an identifier`);
  const parsed = delivered && input.identifier ? parseIdentifier(input.identifier) : null;
  const test = parsed !== null && isTestIdentity(app, parsed);
  const created = await createChallenge(tx, ctx, {
    ...rest,
    appId: app.id,
    ...(delivered ? (test ? { fixedCode: TEST_IDENTITY_CODE } : { codeLength: app.otpLength }) : {}),
  });
  if (delivered && !test && created.code !== null && input.identifier) {
    const expiresInSeconds = Math.round((created.challenge.expiresAt.getTime() - ctx.now.getTime()) / 1000);
    const delivery = { app, to: input.identifier, code: created.code, expiresInSeconds };
    if (input.method === "sms_otp") await sendCodeSms(tx, ctx, delivery);
    else await sendCodeEmail(tx, ctx, delivery);
  }
  return created;
}
