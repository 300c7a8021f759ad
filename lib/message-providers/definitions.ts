/**
 * The message service providers Tessera can deliver through (spec §19), with
 * each one's configuration: which keys are public (stored in `config`, shown
 * on read) and which are secret (sealed together in `secret_config_sealed`
 * with encryptSecret(…, "message_provider"), shown masked). Other providers
 * the contract names (vonage, sendgrid…) are refused until implemented.
 */
import { z } from "zod";
import { zBool, zInt, zText } from "@/lib/api/fields";

export type ProviderType = "sms" | "email";

/** What every read shows in place of a stored secret; sending it back keeps the secret. */
export const MASK = "••••";

/** A masked value (any run of bullets, as clients may echo a longer mask). */
export function isMasked(value: unknown): boolean {
  return typeof value === "string" && /^[•*]{3,}$/.test(value.trim());
}

const hostname = zText(253).refine((h) => /^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$|^[0-9A-Fa-f:.]+$/.test(h), "must be a host name or IP address");

export interface ProviderDefinition {
  type: ProviderType;
  provider: string;
  /** Non-secret settings: their keys and schema. */
  publicKeys: readonly string[];
  publicSchema: z.ZodType<Record<string, unknown>>;
  /** Secret settings (after merging with the stored ones). */
  secretSchema: z.ZodType<Record<string, string>>;
  secretKeys: readonly string[];
  /** Whether the provider object's `from` must be set. */
  fromRequired: boolean;
}

const twilio: ProviderDefinition = {
  type: "sms",
  provider: "twilio",
  publicKeys: ["account_sid"],
  publicSchema: z.object({ account_sid: zText(64) }),
  secretSchema: z.object({ auth_token: zText(256) }),
  secretKeys: ["auth_token"],
  fromRequired: true,
};

const smtp: ProviderDefinition = {
  type: "email",
  provider: "smtp",
  publicKeys: ["host", "port", "secure", "require_tls", "username"],
  publicSchema: z
    .object({
      host: hostname,
      port: zInt(1, 65535).default(587),
      /** Implicit TLS (port 465); default: port is 465. */
      secure: zBool().optional(),
      /** Refuse to send (and to authenticate) without STARTTLS when not `secure`; default true. */
      require_tls: zBool().default(true),
      username: zText(256).optional(),
    })
    .transform((c) => ({ ...c, secure: c.secure ?? c.port === 465 })),
  secretSchema: z.object({ password: zText(1024).optional() }) as z.ZodType<Record<string, string>>,
  secretKeys: ["password"],
  fromRequired: true,
};

const resend: ProviderDefinition = {
  type: "email",
  provider: "resend",
  publicKeys: [],
  publicSchema: z.object({}),
  secretSchema: z.object({ api_key: zText(256) }),
  secretKeys: ["api_key"],
  fromRequired: true,
};

export const PROVIDERS: Record<ProviderType, Record<string, ProviderDefinition>> = {
  sms: { twilio },
  email: { smtp, resend },
};

export function definitionOf(type: ProviderType, provider: string): ProviderDefinition | null {
  return Object.hasOwn(PROVIDERS[type], provider) ? (PROVIDERS[type][provider] ?? null) : null;
}

/** `from` formats: SMS an E.164 number, a Twilio messaging service (MG…) or an alphanumeric sender; email an address or `Name <address>`. */
export function fromProblem(type: ProviderType, from: string): string | null {
  if (type === "sms") {
    return /^\+[1-9]\d{6,14}$/.test(from) || /^MG[0-9a-fA-F]{32}$/.test(from) || /^[A-Za-z0-9 ]{1,11}$/.test(from)
      ? null
      : "must be an E.164 number (+15550001111), a messaging service id (MG…) or an alphanumeric sender id";
  }
  const address = /<([^<>]+)>\s*$/.exec(from)?.[1] ?? from;
  return /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/.test(address.trim()) && !/[\r\n]/.test(from)
    ? null
    : 'must be an email address or "Name <address>"';
}
