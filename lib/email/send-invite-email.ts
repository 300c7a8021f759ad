import type { Executor } from "@/db/client";
import type { Ctx } from "@/lib/context";
import type { LinkEmailInput } from "@/lib/email/link-email-input";
import { queueLinkEmail } from "@/lib/email/queue-link-email";
import type { OutboxRow } from "@/lib/messages/queue-message";
import InviteEmail from "@/emails/invite";

/** Queue the invitation email (spec §7.6, §12.10) in the caller's transaction. */
export function sendInviteEmail(tx: Executor, ctx: Ctx, input: LinkEmailInput): Promise<OutboxRow> {
  // Invitations are sent by the app's backend: its user agent and IP say nothing useful to the invitee.
  return queueLinkEmail(tx, ctx, input, {
    component: InviteEmail,
    template: "user_invite",
    subjectKey: "email.invite.subject",
    showRequester: false,
  });
}
