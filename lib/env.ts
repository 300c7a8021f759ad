/**
 * The only reader of process.env. Parsed and validated once, lazily, so that
 * `next build` can import route modules without a configured instance; the
 * server entry (scripts/serve.ts) calls `getEnv()` first thing, so a
 * misconfigured instance fails at boot with every problem listed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "zod";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

const boolFromString = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((v) => v === "true" || v === "1");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOSTNAME: z.string().min(1).default("0.0.0.0"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    TESSERA_DATA_DIR: z.string().min(1).default("./.data"),
    TESSERA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    TESSERA_SECRET: z
      .string()
      .min(32, "must be at least 32 characters (e.g. `openssl rand -base64 48`)")
      .optional(),
    TESSERA_TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((v, ctx) => {
        for (const entry of splitList(v)) {
          if (!isAddressOrCidr(entry)) ctx.addIssue({ code: "custom", message: `"${entry}" is not an IP address or CIDR range` });
        }
      }),
    TESSERA_REFRESH_GRACE_SECONDS: z.coerce.number().int().min(0).max(60).default(0),
    TESSERA_LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    RESEND_API_KEY: z.string().min(1).optional(),
    EMAIL_FROM: z.string().min(3).default("Tessera <no-reply@localhost>"),
    TESSERA_WEBHOOKS_ALLOW_PRIVATE: boolFromString,
    /** First webhook retry delay in seconds (fractional allowed, for tests); later ones follow the back-off schedule. */
    TESSERA_WEBHOOK_RETRY_BASE_SECONDS: z.coerce.number().min(0).max(86_400).default(60),
    /** How long a claimed delivery stays hidden from other workers (at least the 10 s send timeout + 5 s). */
    TESSERA_WEBHOOK_LEASE_SECONDS: z.coerce.number().min(15).max(3600).default(60),
    /** How often an idle webhook worker looks for work, in milliseconds. */
    TESSERA_WEBHOOK_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
    /** Email of the first dashboard owner: the first sign-in with it on a fresh instance becomes the owner. */
    TESSERA_ADMIN_EMAIL: z.email().optional(),
    // Instance-level message delivery (spec §19): used for apps without a provider of their own.
    TESSERA_SMTP_URL: z
      .url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL, e.g. smtps://user:pass@smtp.example.com:465" })
      .optional(),
    TESSERA_SMS_TWILIO_ACCOUNT_SID: z.string().min(1).optional(),
    TESSERA_SMS_TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    TESSERA_SMS_TWILIO_FROM: z.string().min(1).optional(),
    /** Origin of the Twilio-compatible API for every Twilio provider (instance and apps); default Twilio's. */
    TESSERA_SMS_TWILIO_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** Let apps' SMTP providers reach loopback and private addresses (self-hosted relays, tests). */
    TESSERA_SMTP_ALLOW_PRIVATE: boolFromString,
  })
  .transform((raw) => {
    const baseUrl = new URL(raw.TESSERA_BASE_URL ?? `http://localhost:${raw.PORT}`);
    return {
      nodeEnv: raw.NODE_ENV,
      port: raw.PORT,
      hostname: raw.HOSTNAME,
      databaseUrl: raw.DATABASE_URL,
      databasePoolSize: raw.DATABASE_POOL_SIZE,
      dataDir: path.resolve(raw.TESSERA_DATA_DIR),
      baseUrl: baseUrl.origin,
      isLocalInstance: LOOPBACK_HOSTS.has(baseUrl.hostname),
      secretFromEnv: raw.TESSERA_SECRET,
      trustedProxies: splitList(raw.TESSERA_TRUSTED_PROXIES),
      logLevel: raw.TESSERA_LOG_LEVEL,
      refreshGraceSeconds: raw.TESSERA_REFRESH_GRACE_SECONDS,
      resendApiKey: raw.RESEND_API_KEY,
      emailFrom: raw.EMAIL_FROM,
      webhooksAllowPrivate: raw.TESSERA_WEBHOOKS_ALLOW_PRIVATE,
      smtpUrl: raw.TESSERA_SMTP_URL,
      smtpAllowPrivate: raw.TESSERA_SMTP_ALLOW_PRIVATE,
      webhookRetryBaseSeconds: raw.TESSERA_WEBHOOK_RETRY_BASE_SECONDS,
      webhookLeaseSeconds: raw.TESSERA_WEBHOOK_LEASE_SECONDS,
      webhookPollMs: raw.TESSERA_WEBHOOK_POLL_MS,
      adminEmail: raw.TESSERA_ADMIN_EMAIL?.toLowerCase(),
      twilio:
        raw.TESSERA_SMS_TWILIO_ACCOUNT_SID && raw.TESSERA_SMS_TWILIO_AUTH_TOKEN && raw.TESSERA_SMS_TWILIO_FROM
          ? {
              accountSid: raw.TESSERA_SMS_TWILIO_ACCOUNT_SID,
              authToken: raw.TESSERA_SMS_TWILIO_AUTH_TOKEN,
              from: raw.TESSERA_SMS_TWILIO_FROM,
            }
          : null,
      twilioBaseUrl: raw.TESSERA_SMS_TWILIO_BASE_URL ? new URL(raw.TESSERA_SMS_TWILIO_BASE_URL).origin : undefined,
    };
  });

export type Env = z.infer<typeof EnvSchema>;

function splitList(v: string): string[] {
  return v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

function isAddressOrCidr(entry: string): boolean {
  const [addr = "", bits, ...rest] = entry.split("/");
  const family = isIP(addr);
  if (!family || rest.length) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Checks that involve several variables. They run on the raw values even
 * when single fields failed, so one boot reports every problem.
 */
function crossFieldProblems(source: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  let baseUrl: URL | null = null;
  try {
    baseUrl = new URL(source.TESSERA_BASE_URL ?? "http://localhost");
  } catch {
    return problems; // the field check reports an unparsable URL
  }
  if (!LOOPBACK_HOSTS.has(baseUrl.hostname) && !source.TESSERA_SECRET) {
    problems.push(
      "TESSERA_SECRET: is required when TESSERA_BASE_URL is a public address (production); generate one with `openssl rand -base64 48`",
    );
  }
  const twilioVars = ["TESSERA_SMS_TWILIO_ACCOUNT_SID", "TESSERA_SMS_TWILIO_AUTH_TOKEN", "TESSERA_SMS_TWILIO_FROM"];
  const twilioSet = twilioVars.filter((name) => source[name]);
  if (twilioSet.length > 0 && twilioSet.length < twilioVars.length) {
    problems.push(`TESSERA_SMS_TWILIO_*: set all of ${twilioVars.join(", ")} or none (missing ${twilioVars.filter((n) => !source[n]).join(", ")})`);
  }
  if (source.TESSERA_BASE_URL && (baseUrl.pathname !== "/" || baseUrl.search || baseUrl.hash || /[?#]/.test(source.TESSERA_BASE_URL))) {
    problems.push("TESSERA_BASE_URL: must be an origin without path, query or fragment (e.g. https://auth.example.com)");
  }
  return problems;
}

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Parse an environment (defaults to process.env); throws EnvError listing every problem. */
export function parseEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An empty variable (`DATABASE_URL=` in a .env file) means "not set".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  const problems = [
    ...(result.success ? [] : result.error.issues.map((i) => `${i.path.join(".") || "environment"}: ${i.message}`)),
    ...crossFieldProblems(cleaned),
  ];
  if (!result.success || problems.length > 0) throw new EnvError(problems);
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Test hook: forget the parsed configuration so the next getEnv() re-reads process.env. */
export function resetEnvForTests(): void {
  cached = undefined;
  secretCache = undefined;
}

let secretCache: string | undefined;

/**
 * The instance master secret: TESSERA_SECRET, or for a local instance a random
 * secret generated once into `<data dir>/secret` (mode 0600) and reused.
 */
export function getInstanceSecret(): string {
  if (secretCache) return secretCache;
  const env = getEnv();
  if (env.secretFromEnv) {
    secretCache = env.secretFromEnv;
    return secretCache;
  }
  const file = path.join(env.dataDir, "secret");
  if (existsSync(file)) {
    secretCache = readFileSync(file, "utf8").trim();
  } else {
    mkdirSync(env.dataDir, { recursive: true, mode: 0o700 });
    secretCache = randomBytes(48).toString("base64url");
    writeFileSync(file, `${secretCache}\n`, { mode: 0o600, flag: "wx" });
  }
  return secretCache;
}
