import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { queueLinkEmail } from "@/lib/email/queue-link-email";
import type { OutboxRow } from "@/lib/messages/queue-message";
import MagicLinkLoginEmail from "@/emails/magic-link-login";

/** Queue the sign-in link email (spec §7.1) in the caller's transaction. */
export function sendLoginLinkEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput): Promise<OutboxRow> {
  return queueLinkEmail(tx, ctx, input, {
    component: MagicLinkLoginEmail,
    template: "magic_link_login",
    subjectKey: "email.login.subject",
    showRequester: true,
  });
}
