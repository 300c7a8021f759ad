import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { sendSms } from "@/lib/sms/send-sms";

export interface SendCodeSmsInput {
  app: Pick<AppRow, "id" | "workspaceId" | "name" | "origin">;
  to: string;
  code: string;
  expiresInSeconds: number;
}

/**
 * The text of the sign-in code SMS. The last line is the WebOTP / iOS
 * one-time-code format (`@host #code`), so browsers on the app's origin can
 * fill the code in, and only there.
 */
export function codeSmsText(input: Omit<SendCodeSmsInput, "to">): string {
  const minutes = Math.max(1, Math.round(input.expiresInSeconds / 60));
  const host = new URL(input.app.origin).host;
  return `${input.code} is your ${input.app.name} sign-in code. It expires in ${minutes} min.\n\n@${host} #${input.code}`;
}

/** Queue the sign-in code SMS to `to` (same transaction as the challenge). */
export async function sendCodeSms(tx: Executor, ctx: Ctx, input: SendCodeSmsInput): Promise<void> {
  await sendSms(tx, ctx, { app: input.app, to: input.to, template: "otp_code", text: codeSmsText(input), code: input.code });
}
