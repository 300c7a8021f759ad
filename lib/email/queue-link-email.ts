import { createElement, type FunctionComponent } from "react";
import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { emailBrand, minutesOf, requestOrigin } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { translate } from "@/lib/i18n/translate";
import type { OutboxRow } from "@/lib/messages/queue-message";
import type { LinkEmailProps } from "@/emails/_components/link-email";

export interface LinkEmailKind {
  component: FunctionComponent<LinkEmailProps>;
  /** Outbox template name. */
  template: string;
  subjectKey: Parameters<typeof translate>[1];
  /** Whether to show the requesting device and IP (not for backend-sent invitations). */
  showRequester: boolean;
}

/** Render a link email of `kind` in the recipient's language and queue it in the caller's transaction. */
export async function queueLinkEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput, kind: LinkEmailKind): Promise<OutboxRow> {
  const { app } = input;
  const locale = resolveLocale({ explicit: input.language, appDefault: app.defaultLanguage, acceptLanguage: input.acceptLanguage });
  const element = createElement(kind.component, {
    locale,
    brand: emailBrand(app),
    url: input.url,
    expiresInMinutes: minutesOf(input.expiresInSeconds),
    requestedFrom: kind.showRequester ? requestOrigin(ctx) : { device: null, ip: null },
  });
  return deliverEmail(tx, ctx, {
    app,
    to: input.to,
    template: kind.template,
    subject: translate(locale, kind.subjectKey, { app: app.name }),
    element,
    links: [input.url],
  });
}
