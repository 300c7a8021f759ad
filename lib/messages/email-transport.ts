/**
 * The provider boundary of the email sender: one call per message, which
 * says whether the provider accepted it, and if not whether a retry can help.
 * Resend is the production transport; tests pass a stub.
 */
import { Resend } from "resend";

export interface TransportEmail {
  /** The outbox row id: also the provider idempotency key, so a retried send is delivered once (threats R6). */
  id: string;
  from: string;
  to: string;
  subject: string;
  html: string | null;
  text: string;
}

export type TransportResult =
  | { ok: true; providerId: string | null }
  | { ok: false; permanent: boolean; error: string };

export type EmailTransport = (email: TransportEmail) => Promise<TransportResult>;

const SEND_TIMEOUT_MS = 10_000;

/** Whether a Resend error is worth retrying: throttling, conflicts, server side and network errors are; bad requests are not. */
function retryable(statusCode: number | null, name: string): boolean {
  if (statusCode === null) return true;
  if (statusCode === 429 || statusCode === 409 || statusCode >= 500) return true;
  return name === "application_error" || name === "internal_server_error";
}

/** A transport that sends through Resend's API with `apiKey`. */
export function resendTransport(apiKey: string): EmailTransport {
  const client = new Resend(apiKey);
  return async (email) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<TransportResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, permanent: false, error: "timeout: no answer from Resend in 10 s" }), SEND_TIMEOUT_MS);
    });
    const send = (async (): Promise<TransportResult> => {
      const { data, error } = await client.emails.send(
        { from: email.from, to: email.to, subject: email.subject, text: email.text, ...(email.html ? { html: email.html } : {}) },
        { idempotencyKey: `tessera-${email.id}` },
      );
      if (error) return { ok: false, permanent: !retryable(error.statusCode, error.name), error: `${error.name}: ${error.message}`.slice(0, 500) };
      return { ok: true, providerId: data.id };
    })().catch((e: unknown): TransportResult => ({ ok: false, permanent: false, error: e instanceof Error ? e.message.slice(0, 500) : "send failed" }));
    try {
      return await Promise.race([send, timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}
