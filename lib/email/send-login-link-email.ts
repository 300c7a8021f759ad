import { createElement } from "react";
import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { emailBrand, minutesOf, requestOrigin } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { translate } from "@/lib/i18n/translate";
import type { OutboxRow } from "@/lib/messages/queue-message";
import MagicLinkLoginEmail from "@/emails/magic-link-login";

/** Queue the sign-in link email (spec §7.1) in the caller's transaction. */
export async function sendLoginLinkEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput): Promise<OutboxRow> {
  const { app } = input;
  const locale = resolveLocale({ explicit: input.language, appDefault: app.defaultLanguage, acceptLanguage: input.acceptLanguage });
  const element = createElement(MagicLinkLoginEmail, {
    locale,
    brand: emailBrand(app),
    url: input.url,
    expiresInMinutes: minutesOf(input.expiresInSeconds),
    requestedFrom: requestOrigin(ctx),
  });
  return deliverEmail(tx, ctx, {
    app,
    to: input.to,
    template: "magic_link_login",
    subject: translate(locale, "email.login.subject", { app: app.name }),
    element,
    links: [input.url],
  });
}
