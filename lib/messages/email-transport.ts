/**
 * The provider boundary of the email sender: one call per message, which
 * says whether the provider accepted it, and if not whether a retry can help.
 * Resend is the production transport; tests pass a stub.
 */
import type SMTPTransport from "nodemailer/lib/smtp-transport";
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

export interface SmtpSettings {
  host: string;
  port: number;
  /** Implicit TLS (465). */
  secure: boolean;
  /** Without `secure`: refuse to go on (and to authenticate) unless STARTTLS succeeds. */
  requireTls: boolean;
  username?: string;
  password?: string;
  /**
   * Check the host's addresses (apps' providers: public only unless
   * TESSERA_SMTP_ALLOW_PRIVATE) and connect to the checked one.
   */
  resolveHost?: (host: string) => Promise<string>;
}

/** Whether an SMTP failure is worth retrying: 4xx replies and network trouble are; 5xx and refused credentials are not. */
function smtpFailure(error: unknown): TransportResult {
  const e = error as { responseCode?: unknown; code?: unknown; name?: unknown };
  const responseCode = typeof e.responseCode === "number" ? e.responseCode : null;
  const code = typeof e.code === "string" ? e.code : null;
  if (e.name === "BlockedHostError") return { ok: false, permanent: true, error: "blocked: SMTP host is a private address" };
  const permanent = (responseCode !== null && responseCode >= 500) || code === "EAUTH" || code === "EENVELOPE" || code === "EMESSAGE";
  // Never the server's reply text: it can echo the message.
  return { ok: false, permanent, error: `SMTP ${[code, responseCode].filter((x) => x !== null).join(" ") || "error"}` };
}

/** A transport that sends through an SMTP server (nodemailer), or through the relay of an smtp(s):// URL. */
export function smtpTransport(settings: SmtpSettings | string): EmailTransport {
  return async (email) => {
    try {
      const { createTransport } = await import("nodemailer");
      const timeouts = { connectionTimeout: SEND_TIMEOUT_MS, greetingTimeout: SEND_TIMEOUT_MS, socketTimeout: SEND_TIMEOUT_MS };
      let options: SMTPTransport.Options;
      if (typeof settings === "string") {
        options = { url: settings, ...timeouts };
      } else {
        const address = settings.resolveHost ? await settings.resolveHost(settings.host) : settings.host;
        options = {
          host: address,
          port: settings.port,
          secure: settings.secure,
          requireTLS: !settings.secure && settings.requireTls,
          tls: { servername: settings.host.replace(/^\[|\]$/g, "") },
          ...(settings.username ? { auth: { user: settings.username, pass: settings.password ?? "" } } : {}),
          ...timeouts,
        };
      }
      const transporter = createTransport(options);
      try {
        const info = await transporter.sendMail({
          from: email.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          ...(email.html ? { html: email.html } : {}),
          headers: { "X-Tessera-Message-Id": email.id },
        });
        return { ok: true, providerId: typeof info.messageId === "string" ? info.messageId : null };
      } finally {
        transporter.close();
      }
    } catch (error) {
      return smtpFailure(error);
    }
  };
}
