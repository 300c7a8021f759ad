import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { queueLinkEmail } from "@/lib/email/queue-link-email";
import type { OutboxRow } from "@/lib/messages/queue-message";
import MagicLinkRegisterEmail from "@/emails/magic-link-register";

/** Queue the registration (confirm your email) link email (spec §7.2, §12.2) in the caller's transaction. */
export function sendRegisterLinkEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput): Promise<OutboxRow> {
  return queueLinkEmail(tx, ctx, input, {
    component: MagicLinkRegisterEmail,
    template: "magic_link_register",
    subjectKey: "email.register.subject",
    showRequester: true,
  });
}
