/**
 * The sign-in code email (spec §8.1, email OTP), queued through queueMessage
 * inside the caller's transaction with `code` set (outbox API, tests).
 */
import { createElement } from "react";
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { emailBrand, minutesOf, requestOrigin } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { translate } from "@/lib/i18n/translate";
import SignInCodeEmail from "@/emails/sign-in-code";

export interface SendCodeEmailInput {
  app: AppRow;
  /** The canonical address (as stored on the user), never raw input. */
  to: string;
  code: string;
  expiresInSeconds: number;
  /** An explicit language; else the app's default_language, then Accept-Language. */
  language?: string;
  acceptLanguage?: string | null;
}

/** Queue the sign-in code email to `to` (same transaction as the challenge). */
export async function sendCodeEmail(tx: Executor, ctx: Ctx, input: SendCodeEmailInput): Promise<void> {
  const { app } = input;
  const locale = resolveLocale({ explicit: input.language, appDefault: app.defaultLanguage, acceptLanguage: input.acceptLanguage });
  await deliverEmail(tx, ctx, {
    app,
    to: input.to,
    template: "otp_code",
    subject: translate(locale, "email.code.subject", { app: app.name }),
    element: createElement(SignInCodeEmail, {
      locale,
      brand: emailBrand(app),
      code: input.code,
      expiresInMinutes: minutesOf(input.expiresInSeconds),
      requestedFrom: requestOrigin(ctx),
    }),
    code: input.code,
  });
}
