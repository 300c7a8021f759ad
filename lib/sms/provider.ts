/**
 * SMS delivery providers (spec §19). Nothing calls these yet: every SMS is
 * captured in the dev outbox. When per-app providers arrive, the outbox
 * sender picks the app's provider and calls `send` for each `pending` SMS row,
 * outside any request (retries, R6). The Twilio-compatible client below also
 * fits the providers that copy Twilio's Messages API (SignalWire, Telnyx's
 * compatibility endpoint).
 */
export interface SmsMessage {
  to: string;
  body: string;
  /** Idempotency key (the outbox row id), so a retried send is delivered once. */
  idempotencyKey: string;
}

export type SmsSendResult =
  | { ok: true; providerMessageId: string }
  /** `retryable`: 429/5xx/network; otherwise the provider refused the message for good. */
  | { ok: false; retryable: boolean; error: string };

export interface SmsProvider {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** Sender number (E.164) or messaging service id (`MG…`). */
  from: string;
  /** Operator-configured API origin; default Twilio's. Never taken from a request. */
  baseUrl?: string;
}

type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** A provider speaking Twilio's `POST /2010-04-01/Accounts/{sid}/Messages.json`. */
export function twilioCompatibleProvider(config: TwilioConfig, fetchImpl: Fetch = fetch): SmsProvider {
  const base = (config.baseUrl ?? "https://api.twilio.com").replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = Buffer.from(`${config.accountSid}:${config.authToken}`).toString("base64");
  return {
    name: "twilio",
    async send(message) {
      const form = new URLSearchParams({ To: message.to, Body: message.body });
      form.set(config.from.startsWith("MG") ? "MessagingServiceSid" : "From", config.from);
      let res: Response;
      try {
        res = await fetchImpl(url, {
          method: "POST",
          headers: {
            Authorization: `Basic ${auth}`,
            "Content-Type": "application/x-www-form-urlencoded",
            "I-Twilio-Idempotency-Token": message.idempotencyKey,
          },
          body: form.toString(),
          redirect: "manual",
          signal: AbortSignal.timeout(10_000),
        });
      } catch (error) {
        return { ok: false, retryable: true, error: error instanceof Error ? error.name : "network error" };
      }
      const body: unknown = await res.json().catch(() => null);
      const sid = body && typeof body === "object" && "sid" in body && typeof body.sid === "string" ? body.sid : null;
      if (res.ok && sid) return { ok: true, providerMessageId: sid };
      // Never keep the provider's body: it can echo the message (and its code).
      return { ok: false, retryable: res.status === 429 || res.status >= 500, error: `HTTP ${res.status}` };
    },
  };
}
