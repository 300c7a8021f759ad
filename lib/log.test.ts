import { afterEach, describe, expect, it, vi } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { log, redact } from "@/lib/log";

const APP_KEY = "scapp_Zx81kPq0LmN3vB7tYw2RsD4fG6hJ9kL1";
const WS_KEY = "scwor_Qa1Ws2Ed3Rf4Tg5Yh6Uj7Ik8Ol9Pz0Xc";
const M2M = "scm2m_Mn0Bv9Cx8Zl7Kj6Hg5Fd4Sa3";
const JWT =
  "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJ1c2VyIiwiYWlkIjoiYXBwX3gifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU";

/** The secret parts (everything past the visible first six characters). */
const tails = [APP_KEY, WS_KEY, M2M, JWT].map((s) => s.slice(6));

function expectNoSecret(text: string): void {
  for (const tail of tails) expect(text).not.toContain(tail.slice(0, 12));
}

const savedLevel = process.env.TESSERA_LOG_LEVEL;
afterEach(() => {
  vi.restoreAllMocks();
  process.env.TESSERA_LOG_LEVEL = savedLevel;
  resetEnvForTests();
});

function capture(level: string): { lines: () => string[] } {
  process.env.TESSERA_LOG_LEVEL = level;
  resetEnvForTests();
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
  return { lines: () => lines };
}

describe("redact", () => {
  it("masks API keys, M2M tokens and JWTs, keeping a short recognisable start", () => {
    const text = `Authorization: Bearer ${APP_KEY} ws=${WS_KEY} m2m ${M2M} X-Authorization: ${JWT}`;
    const out = redact(text);
    expectNoSecret(out);
    expect(out).toContain("scapp_…[redacted]");
    expect(out).toContain("scwor_…[redacted]");
    expect(out).toContain("scm2m_…[redacted]");
    expect(out).toContain("eyJhbG…[redacted]");
    expect(out.startsWith("Authorization: Bearer ")).toBe(true);
  });

  it("masks secrets inside JSON and quoted strings", () => {
    const out = redact(JSON.stringify({ token: APP_KEY, nested: { jwt: `Bearer ${JWT}` } }));
    expectNoSecret(out);
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it("leaves ordinary text alone", () => {
    for (const text of ["user a@b.test signed in", "scapp_ alone", "eyJ not a token", "request_id=01J9Z"]) {
      expect(redact(text)).toBe(text);
    }
  });

  // Regression: the patterns start with `\b`, so a secret glued to a word character is not masked,
  // e.g. a URL-encoded header in a logged URL (`Bearer%20scapp_…`) or `key_scapp_…`.
  it("masks secrets that follow a word character", () => {
    const out = redact(`GET /x?auth=Bearer%20${APP_KEY}&t=Bearer%20${JWT} key_${WS_KEY}`);
    expectNoSecret(out);
  });
});

describe("log", () => {
  it("writes redacted lines, errors and warnings to stderr", () => {
    const out = capture("debug");
    log.info(`key issued ${APP_KEY}`, { token: JWT, obj: { k: WS_KEY }, n: 3, skipped: undefined });
    log.error("failed", { err: new Error(`bad token ${M2M}`) });
    const lines = out.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[tessera\] info: key issued scapp_…\[redacted\] token=eyJhbG…\[redacted\] obj=\{"k":"scwor_…\[redacted\]"\} n=3$/);
    expect(lines[1]).toMatch(/^\[tessera\] error: failed err=Error: bad token scm2m_…\[redacted\]/);
    for (const line of lines) expectNoSecret(line);
    expect(console.error).toHaveBeenCalledTimes(1);
  });

  it("drops lines below the configured level", () => {
    const out = capture("warn");
    log.debug("d");
    log.info("i");
    log.warn("w");
    log.error("e");
    expect(out.lines()).toEqual(["[tessera] warn: w", "[tessera] error: e"]);
    const silent = capture("silent");
    log.error("nothing");
    expect(silent.lines()).toEqual([]);
  });

  // Regression: a field that JSON.stringify cannot serialise (a cycle, a BigInt) makes the logger
  // throw — and the logger runs on error paths (lib/api/route.ts errorResponse), where it must not.
  it("never throws, whatever the fields hold", () => {
    capture("debug");
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => log.warn("odd fields", { cyclic, big: 10n })).not.toThrow();
  });
});
