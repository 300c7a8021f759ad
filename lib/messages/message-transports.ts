/**
 * The transport of an outbox row's `provider` (see
 * lib/message-providers/route-for.ts): an app's own provider (`msp:<id>`,
 * secrets unsealed only here, at send time) or an instance default from the
 * environment. Email and SMS share one call shape; SMS ignores the subject.
 */
import { eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messageProviders } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { APP_PROVIDER_PREFIX, type Channel } from "@/lib/message-providers/route-for";
import { openSecrets } from "@/lib/message-providers/seal";
import { resolveSmtpHost } from "@/lib/message-providers/smtp-host";
import { type EmailTransport, resendTransport, smtpTransport, type TransportResult } from "@/lib/messages/email-transport";
import { type SmsProvider, twilioCompatibleProvider } from "@/lib/sms/provider";

export interface ResolvedTransport {
  send: EmailTransport;
  from: string;
  /** Human label for events and notifications, e.g. `twilio (Twilio prod)`. */
  label: string;
  /** Internal id of the app's provider row; null for instance defaults. */
  providerId: string | null;
}

export type TransportLookup = { ok: true; transport: ResolvedTransport } | { ok: false; error: string; label: string };

/** An SMS provider as a message transport. */
export function smsTransport(provider: SmsProvider): EmailTransport {
  return async (m): Promise<TransportResult> => {
    const r = await provider.send({ to: m.to, body: m.text, idempotencyKey: m.id });
    return r.ok ? { ok: true, providerId: r.providerMessageId } : { ok: false, permanent: !r.retryable, error: r.error };
  };
}

function instance(key: string, channel: Channel): TransportLookup {
  const env = getEnv();
  if (channel === "email" && key === "smtp" && env.smtpUrl) {
    return { ok: true, transport: { send: smtpTransport(env.smtpUrl), from: env.emailFrom, label: "smtp (instance)", providerId: null } };
  }
  if (channel === "email" && key === "resend" && env.resendApiKey) {
    return { ok: true, transport: { send: resendTransport(env.resendApiKey), from: env.emailFrom, label: "resend (instance)", providerId: null } };
  }
  if (channel === "sms" && key === "twilio" && env.twilio) {
    const provider = twilioCompatibleProvider({ ...env.twilio, baseUrl: env.twilioBaseUrl });
    return { ok: true, transport: { send: smsTransport(provider), from: env.twilio.from, label: "twilio (instance)", providerId: null } };
  }
  return { ok: false, error: `provider ${key} is not configured on this instance`, label: `${key} (instance)` };
}

/** The transport for a row of `appId` whose provider is `key`. */
export async function transportForKey(db: Executor, key: string, channel: Channel, appId: string | null): Promise<TransportLookup> {
  if (!key.startsWith(APP_PROVIDER_PREFIX)) return instance(key, channel);
  const id = key.slice(APP_PROVIDER_PREFIX.length);
  const [row] = await db.select().from(messageProviders).where(eq(messageProviders.id, id)).limit(1);
  if (!row || row.appId !== appId || row.providerType !== channel) return { ok: false, error: "provider deleted", label: key };
  const label = `${row.provider}${row.name ? ` (${row.name})` : ""}`;
  if (!row.enabled) return { ok: false, error: "provider disabled", label };
  let secrets: Record<string, string>;
  try {
    secrets = openSecrets(row.secretConfigSealed);
  } catch {
    return { ok: false, error: "provider secrets cannot be decrypted (instance secret changed?)", label };
  }
  const env = getEnv();
  const config = row.config;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  if (row.provider === "twilio" && row.from) {
    const provider = twilioCompatibleProvider({
      accountSid: str(config.account_sid) ?? "",
      authToken: secrets.auth_token ?? "",
      from: row.from,
      baseUrl: env.twilioBaseUrl,
    });
    return { ok: true, transport: { send: smsTransport(provider), from: row.from, label, providerId: row.id } };
  }
  const from = row.from ?? env.emailFrom;
  if (row.provider === "resend" && secrets.api_key) {
    return { ok: true, transport: { send: resendTransport(secrets.api_key), from, label, providerId: row.id } };
  }
  if (row.provider === "smtp" && str(config.host)) {
    const send = smtpTransport({
      host: str(config.host) ?? "",
      port: typeof config.port === "number" ? config.port : 587,
      secure: config.secure === true,
      requireTls: config.require_tls !== false,
      username: str(config.username),
      password: secrets.password,
      resolveHost: (host) => resolveSmtpHost(host, env.smtpAllowPrivate),
    });
    return { ok: true, transport: { send, from, label, providerId: row.id } };
  }
  return { ok: false, error: `provider ${row.provider} is misconfigured`, label };
}
