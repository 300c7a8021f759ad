import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EnvError, getEnv, getInstanceSecret, parseEnv, resetEnvForTests } from "@/lib/env";

const SECRET = "0123456789abcdef0123456789abcdef0123";

/** parseEnv on a partial environment (Next.js types NODE_ENV as always present). */
const parse = (source: Record<string, string>) => parseEnv(source as NodeJS.ProcessEnv);

function problems(source: Record<string, string>): string[] {
  try {
    parse(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  throw new Error(`accepted: ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("has working defaults for a local instance", () => {
    const env = parse({});
    expect(env).toMatchObject({
      nodeEnv: "development",
      port: 3000,
      hostname: "0.0.0.0",
      databaseUrl: undefined,
      databasePoolSize: 10,
      dataDir: path.resolve("./.data"),
      baseUrl: "http://localhost:3000",
      isLocalInstance: true,
      secretFromEnv: undefined,
      trustedProxies: [],
      logLevel: "info",
      webhooksAllowPrivate: false,
    });
    expect(parse({ PORT: "4000" }).baseUrl).toBe("http://localhost:4000");
  });

  it("treats empty variables as unset", () => {
    expect(parse({ DATABASE_URL: "", PORT: "", TESSERA_SECRET: "" })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });

  it("lists every field problem at once", () => {
    const list = problems({
      PORT: "0",
      DATABASE_URL: "mysql://root@db/app",
      TESSERA_LOG_LEVEL: "loud",
      TESSERA_SECRET: "short",
      EMAIL_FROM: "x",
    });
    expect(list).toHaveLength(5);
    expect(list.join("\n")).toMatch(/^PORT: /m);
    expect(list.join("\n")).toMatch(/^DATABASE_URL: must be a postgres/m);
    expect(list.join("\n")).toMatch(/^TESSERA_LOG_LEVEL: /m);
    expect(list.join("\n")).toMatch(/^TESSERA_SECRET: must be at least 32 characters/m);
    expect(list.join("\n")).toMatch(/^EMAIL_FROM: /m);
    try {
      parse({ PORT: "0", TESSERA_LOG_LEVEL: "loud" });
    } catch (error) {
      expect((error as Error).message).toMatch(/^Invalid configuration:\n {2}- PORT: .*\n {2}- TESSERA_LOG_LEVEL: /);
    }
  });

  // Regression: the cross-field checks (public URL needs a secret, base URL must be a bare origin)
  // live in `.transform()`, which zod skips once any field failed, so they only show up on the next boot.
  it("lists cross-field problems together with field problems", () => {
    const list = problems({ PORT: "0", TESSERA_BASE_URL: "https://auth.example.com/tessera" });
    expect(list.some((p) => p.startsWith("PORT:"))).toBe(true);
    expect(list.some((p) => p.startsWith("TESSERA_SECRET:"))).toBe(true);
    expect(list.some((p) => p.startsWith("TESSERA_BASE_URL:"))).toBe(true);
  });

  it("requires TESSERA_SECRET when the base URL is public, not for loopback", () => {
    const list = problems({ TESSERA_BASE_URL: "https://auth.example.com" });
    expect(list).toEqual([expect.stringMatching(/^TESSERA_SECRET: is required when TESSERA_BASE_URL is a public address/)]);
    const pub = parse({ TESSERA_BASE_URL: "https://auth.example.com", TESSERA_SECRET: SECRET });
    expect(pub).toMatchObject({ baseUrl: "https://auth.example.com", isLocalInstance: false, secretFromEnv: SECRET });
    for (const url of ["http://localhost:3000", "http://127.0.0.1:8080", "http://[::1]:3000"]) {
      expect(parse({ TESSERA_BASE_URL: url }).isLocalInstance, url).toBe(true);
    }
  });

  it("wants a bare http(s) origin as base URL", () => {
    expect(parse({ TESSERA_BASE_URL: "https://auth.example.com/", TESSERA_SECRET: SECRET }).baseUrl).toBe(
      "https://auth.example.com",
    );
    for (const url of ["https://auth.example.com/x", "https://auth.example.com/?a=1", "https://auth.example.com/#f"]) {
      expect(problems({ TESSERA_BASE_URL: url, TESSERA_SECRET: SECRET }), url).toEqual([
        expect.stringMatching(/^TESSERA_BASE_URL: must be an origin/),
      ]);
    }
    for (const url of ["ftp://auth.example.com", "auth.example.com"]) {
      expect(problems({ TESSERA_BASE_URL: url })[0], url).toMatch(/^TESSERA_BASE_URL: /);
    }
  });

  it("accepts postgres:// and postgresql:// database URLs only", () => {
    expect(parse({ DATABASE_URL: "postgres://u@h/db" }).databaseUrl).toBe("postgres://u@h/db");
    expect(parse({ DATABASE_URL: "postgresql://u@h:5432/db" }).databaseUrl).toBe("postgresql://u@h:5432/db");
    for (const url of ["mysql://u@h/db", "h:5432/db", "file:./db"]) {
      expect(problems({ DATABASE_URL: url }), url).toEqual(["DATABASE_URL: must be a postgres:// or postgresql:// URL"]);
    }
  });

  it("keeps PORT within 1–65535", () => {
    expect(parse({ PORT: "1" }).port).toBe(1);
    expect(parse({ PORT: "65535" }).port).toBe(65535);
    for (const port of ["0", "65536", "-1", "80.5", "http"]) expect(problems({ PORT: port })[0], port).toMatch(/^PORT: /);
  });

  it("parses the trusted proxy list and boolean flags", () => {
    expect(parse({ TESSERA_TRUSTED_PROXIES: " 10.0.0.0/8, ,192.168.1.7 ,fd00::/8" }).trustedProxies).toEqual([
      "10.0.0.0/8",
      "192.168.1.7",
      "fd00::/8",
    ]);
    expect(parse({ TESSERA_WEBHOOKS_ALLOW_PRIVATE: "1" }).webhooksAllowPrivate).toBe(true);
    expect(parse({ TESSERA_WEBHOOKS_ALLOW_PRIVATE: "true" }).webhooksAllowPrivate).toBe(true);
    expect(parse({ TESSERA_WEBHOOKS_ALLOW_PRIVATE: "0" }).webhooksAllowPrivate).toBe(false);
    expect(problems({ TESSERA_WEBHOOKS_ALLOW_PRIVATE: "yes" })[0]).toMatch(/^TESSERA_WEBHOOKS_ALLOW_PRIVATE: /);
  });

  it("reads the instance-level message providers", () => {
    expect(parse({})).toMatchObject({ smtpUrl: undefined, smtpAllowPrivate: false, twilio: null, twilioBaseUrl: undefined });
    const env = parse({
      TESSERA_SMTP_URL: "smtps://user:pass@smtp.example.com:465",
      TESSERA_SMS_TWILIO_ACCOUNT_SID: "AC123",
      TESSERA_SMS_TWILIO_AUTH_TOKEN: "tok",
      TESSERA_SMS_TWILIO_FROM: "+15550001111",
      TESSERA_SMS_TWILIO_BASE_URL: "http://127.0.0.1:9999/ignored/path",
      TESSERA_SMTP_ALLOW_PRIVATE: "1",
    });
    expect(env).toMatchObject({
      smtpUrl: "smtps://user:pass@smtp.example.com:465",
      smtpAllowPrivate: true,
      twilio: { accountSid: "AC123", authToken: "tok", from: "+15550001111" },
      twilioBaseUrl: "http://127.0.0.1:9999",
    });
    expect(problems({ TESSERA_SMTP_URL: "http://smtp.example.com" })[0]).toMatch(/^TESSERA_SMTP_URL: /);
    expect(problems({ TESSERA_SMS_TWILIO_ACCOUNT_SID: "AC123" })[0]).toMatch(/^TESSERA_SMS_TWILIO_\*: .*TESSERA_SMS_TWILIO_AUTH_TOKEN/);
    expect(problems({ TESSERA_SMS_TWILIO_BASE_URL: "ftp://x" })[0]).toMatch(/^TESSERA_SMS_TWILIO_BASE_URL: /);
  });

  // Regression: entries are not checked at boot. lib/api/client-ip.ts feeds them to net.BlockList,
  // which throws "Invalid socket address" for a typo, so behind a proxy every request answers 500.
  it("refuses a malformed TESSERA_TRUSTED_PROXIES entry at boot", () => {
    for (const value of ["10.0.0.0/8,not-an-ip", "10.0.0.0/33", "fd00::/129", "10.0.0.1/abc"]) {
      expect(problems({ TESSERA_TRUSTED_PROXIES: value })[0], value).toMatch(/^TESSERA_TRUSTED_PROXIES: /);
    }
  });
});

describe("getEnv and the instance secret", () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetEnvForTests();
  });

  it("parses process.env once until reset", () => {
    resetEnvForTests();
    const first = getEnv();
    process.env.PORT = "4321";
    expect(getEnv()).toBe(first);
    resetEnvForTests();
    expect(getEnv().port).toBe(4321);
  });

  it("uses TESSERA_SECRET when set", () => {
    process.env.TESSERA_SECRET = SECRET;
    resetEnvForTests();
    expect(getInstanceSecret()).toBe(SECRET);
  });

  it("generates a local instance's secret once into <data dir>/secret (mode 0600) and reuses it", () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), "tessera-env-")), "data");
    process.env.TESSERA_DATA_DIR = dir;
    process.env.TESSERA_BASE_URL = "http://localhost:3999";
    delete process.env.TESSERA_SECRET;
    resetEnvForTests();
    const secret = getInstanceSecret();
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const file = path.join(dir, "secret");
    expect(readFileSync(file, "utf8").trim()).toBe(secret);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    resetEnvForTests();
    expect(getInstanceSecret()).toBe(secret);
  });

  it("fails on first use when a public instance has no secret", () => {
    process.env.TESSERA_BASE_URL = "https://auth.example.com";
    delete process.env.TESSERA_SECRET;
    resetEnvForTests();
    expect(() => getEnv()).toThrow(EnvError);
    expect(() => getInstanceSecret()).toThrow(/TESSERA_SECRET/);
  });
});
