import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { resetEnvForTests } from "@/lib/env";
import { oauthStates } from "@/db/schema";
import { parseIssuerUrl } from "@/lib/oauth/issuer-url";
import { bindingMatches, bindingValue, signState, verifyState } from "@/lib/oauth/state";
import { sweepOAuthStates } from "@/lib/oauth/sweep-oauth-states";
import { createTenant } from "@/test/harness";

describe("OAuth state signing", () => {
  const app = randomUUID();
  const id = randomUUID();

  it("verifies its own state for the same app only", () => {
    const state = signState(app, id);
    expect(verifyState(app, state)).toBe(id);
    expect(verifyState(randomUUID(), state)).toBeNull();
    const [, sig = ""] = state.split(".");
    expect(verifyState(app, `${randomUUID()}.${sig}`)).toBeNull();
    expect(verifyState(app, `${id}.${sig.slice(1)}`)).toBeNull();
    expect(verifyState(app, `${id}.`)).toBeNull();
    for (const bad of [undefined, "", "nodot", `not-a-uuid.${sig}`, `${state}x`, "x".repeat(500)]) {
      expect(verifyState(app, bad)).toBeNull();
    }
  });

  it("binds a state to the browser's cookie", () => {
    const req = (cookie?: string) => new Request("http://localhost/", { headers: cookie ? { cookie } : {} });
    const value = bindingValue(app, id);
    expect(value).not.toBe(signState(app, id).split(".")[1]);
    expect(bindingMatches(req(`a=1; tessera_oauth=${value}; b=2`), app, id)).toBe(true);
    expect(bindingMatches(req(), app, id)).toBe(false);
    expect(bindingMatches(req(`tessera_oauth=${bindingValue(app, randomUUID())}`), app, id)).toBe(false);
    expect(bindingMatches(req(`tessera_oauth_x=${value}`), app, id)).toBe(false);
  });
});

describe("parseIssuerUrl", () => {
  it("accepts https issuers and loopback http on a local instance only", () => {
    expect(parseIssuerUrl(" https://accounts.google.com ")).toBe("https://accounts.google.com");
    expect(parseIssuerUrl("https://tenant.auth0.com/")).toBe("https://tenant.auth0.com/");
    // This test instance is local (TESSERA_BASE_URL on localhost): its own loopback provider is allowed.
    expect(parseIssuerUrl("http://127.0.0.1:4000")).toBe("http://127.0.0.1:4000");
    expect(parseIssuerUrl("http://localhost:4000")).toBe("http://localhost:4000");
    for (const bad of [
      "http://idp.example.com",
      "https://192.168.1.1",
      "https://[fd00::1]",
      "https://100.64.0.1",
      "https://169.254.169.254",
      "ftp://idp.example.com",
      "https://a:b@idp.example.com",
      "https://idp.example.com/?q",
      "https://idp.example.com/#f",
      "not a url",
    ]) {
      expect(parseIssuerUrl(bad), bad).toBeNull();
    }
  });

  it("refuses loopback issuers on a public instance", () => {
    const before = process.env.TESSERA_BASE_URL;
    process.env.TESSERA_BASE_URL = "https://auth.example.com";
    resetEnvForTests();
    try {
      for (const bad of ["http://127.0.0.1:4000", "https://127.0.0.1", "https://localhost", "https://[::1]", "https://10.1.2.3"]) {
        expect(parseIssuerUrl(bad), bad).toBeNull();
      }
      expect(parseIssuerUrl("https://accounts.google.com")).toBe("https://accounts.google.com");
    } finally {
      process.env.TESSERA_BASE_URL = before;
      resetEnvForTests();
    }
  });
});

describe("sweepOAuthStates", () => {
  it("deletes states that expired more than a day ago, nothing else", async () => {
    const t = await createTenant();
    const db = await getDb();
    const now = new Date();
    const row = (expiresAt: Date) => ({ id: randomUUID(), appId: t.app.id, providerSlug: "x", codeVerifierSealed: "v1.x", expiresAt });
    const old = row(new Date(now.getTime() - 25 * 3600 * 1000));
    const recent = row(new Date(now.getTime() - 3600 * 1000));
    const live = row(new Date(now.getTime() + 600 * 1000));
    await db.insert(oauthStates).values([old, recent, live]);
    expect(await sweepOAuthStates(now)).toBe(1);
    expect(await db.select().from(oauthStates).where(eq(oauthStates.id, old.id))).toHaveLength(0);
    expect(await db.select().from(oauthStates).where(eq(oauthStates.id, live.id))).toHaveLength(1);
  });
});
