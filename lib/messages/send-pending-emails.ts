/**
 * The email half of the message sender (lib/messages/send-pending-messages.ts),
 * kept for callers that deliver email only.
 */
import {
  type SendPendingOptions,
  type SendPendingResult,
  sendPendingMessages,
} from "@/lib/messages/send-pending-messages";

export type { SendPendingOptions, SendPendingResult };

export async function sendPendingEmails(opts: SendPendingOptions = {}): Promise<SendPendingResult> {
  return sendPendingMessages({ ...opts, channels: ["email"] });
}
