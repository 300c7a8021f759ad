/**
 * Which provider delivers a message (spec §19): the app's default enabled
 * provider of the channel; else the instance default from the environment
 * (email: TESSERA_SMTP_URL, then RESEND_API_KEY; SMS: TESSERA_SMS_TWILIO_*);
 * else the dev outbox. The answer is recorded on the outbox row as its
 * `provider` (`msp:<id>` for an app's provider) and the sender delivers
 * through it.
 */
import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { messageProviders } from "@/db/schema";
import { getEnv } from "@/lib/env";

export type Channel = "email" | "sms";
export type InstanceTransport = "outbox" | "smtp" | "resend" | "twilio";
/** An instance transport, or `msp:<id>` for an app's own provider. */
export type ProviderKey = InstanceTransport | `msp:${string}`;

export const APP_PROVIDER_PREFIX = "msp:";

/** The instance-level transport of a channel. */
export function instanceTransport(channel: Channel): InstanceTransport {
  const env = getEnv();
  if (channel === "email") {
    if (env.smtpUrl) return "smtp";
    if (env.resendApiKey) return "resend";
    return "outbox";
  }
  return env.twilio ? "twilio" : "outbox";
}

/** The provider that will deliver a message of `channel` for `appId` (read inside the caller's transaction). */
export async function providerKeyFor(tx: Executor, appId: string | null, channel: Channel): Promise<ProviderKey> {
  if (appId) {
    // message_providers_app_default_idx (partial on enabled and is_default).
    const [own] = await tx
      .select({ id: messageProviders.id })
      .from(messageProviders)
      .where(
        and(
          eq(messageProviders.appId, appId),
          eq(messageProviders.providerType, channel),
          eq(messageProviders.enabled, true),
          eq(messageProviders.isDefault, true),
        ),
      )
      .limit(1);
    if (own) return `${APP_PROVIDER_PREFIX}${own.id}`;
  }
  return instanceTransport(channel);
}
