import { createElement } from "react";
import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { emailBrand, minutesOf } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { translate } from "@/lib/i18n/translate";
import type { OutboxRow } from "@/lib/messages/queue-message";
import InviteEmail from "@/emails/invite";

/** Queue the invitation email (spec §7.6, §12.10) in the caller's transaction. */
export async function sendInviteEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput): Promise<OutboxRow> {
  const { app } = input;
  const locale = resolveLocale({ explicit: input.language, appDefault: app.defaultLanguage, acceptLanguage: input.acceptLanguage });
  const element = createElement(InviteEmail, {
    locale,
    brand: emailBrand(app),
    url: input.url,
    expiresInMinutes: minutesOf(input.expiresInSeconds),
    // Invitations are sent by the app's backend: its user agent and IP say nothing useful to the invitee.
    requestedFrom: { device: null, ip: null },
  });
  return deliverEmail(tx, ctx, {
    app,
    to: input.to,
    template: "user_invite",
    subject: translate(locale, "email.invite.subject", { app: app.name }),
    element,
    links: [input.url],
  });
}
