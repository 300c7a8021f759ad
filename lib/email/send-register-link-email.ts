import { createElement } from "react";
import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { emailBrand, minutesOf, requestOrigin } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { translate } from "@/lib/i18n/translate";
import type { OutboxRow } from "@/lib/messages/queue-message";
import MagicLinkRegisterEmail from "@/emails/magic-link-register";

/** Queue the registration (confirm your email) link email (spec §7.2, §12.2) in the caller's transaction. */
export async function sendRegisterLinkEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput): Promise<OutboxRow> {
  const { app } = input;
  const locale = resolveLocale({ explicit: input.language, appDefault: app.defaultLanguage, acceptLanguage: input.acceptLanguage });
  const element = createElement(MagicLinkRegisterEmail, {
    locale,
    brand: emailBrand(app),
    url: input.url,
    expiresInMinutes: minutesOf(input.expiresInSeconds),
    requestedFrom: requestOrigin(ctx),
  });
  return deliverEmail(tx, ctx, {
    app,
    to: input.to,
    template: "magic_link_register",
    subject: translate(locale, "email.register.subject", { app: app.name }),
    element,
    links: [input.url],
  });
}
