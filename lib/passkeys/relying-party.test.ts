import { describe, expect, it } from "vitest";
import { challengeOf, userHandleOf } from "@/lib/passkeys/encoding";
import { originMatchesRpId, relyingParty } from "@/lib/passkeys/relying-party";
import { knownTransports } from "@/lib/passkeys/schemas";

const app = { name: "Acme", origin: "https://app.example.com", additionalOrigins: ["https://www.app.example.com", "not a url", "https://app.example.com"] };

describe("relyingParty", () => {
  it("takes the RP ID from the app origin's hostname and the origins from origin + additional_origins (deduplicated, valid only)", () => {
    expect(relyingParty(app, "api")).toEqual({
      rpID: "app.example.com",
      rpName: "Acme",
      origins: ["https://app.example.com", "https://www.app.example.com"],
    });
  });

  it("uses the configured parent domain as RP ID on the app's site, keeping the exact origins", () => {
    const rp = relyingParty({ ...app, webauthnRpId: "example.com" }, "api");
    expect(rp).toEqual({ rpID: "example.com", rpName: "Acme", origins: ["https://app.example.com", "https://www.app.example.com"] });
    expect(relyingParty({ ...app, webauthnRpId: null }, "api").rpID).toBe("app.example.com");
  });

  it("falls back to the origin's host when the configured RP ID no longer covers it (a browser would refuse it)", () => {
    expect(relyingParty({ ...app, webauthnRpId: "other.com" }, "api").rpID).toBe("app.example.com");
    expect(relyingParty({ ...app, webauthnRpId: "ample.com" }, "api").rpID).toBe("app.example.com");
  });

  it("keeps the hosted pages on this instance's hostname whatever the app configures", () => {
    expect(relyingParty({ ...app, webauthnRpId: "example.com" }, "hosted").rpID).toBe(relyingParty(app, "hosted").rpID);
  });

  it("runs hosted ceremonies for this instance's base URL", () => {
    const rp = relyingParty(app, "hosted");
    expect(rp.rpName).toBe("Acme");
    expect(rp.origins).toEqual([new URL(rp.origins[0] ?? "").origin]);
    expect(rp.rpID).toBe(new URL(rp.origins[0] ?? "").hostname);
  });

  it("pairs an origin with an RP ID only for the same host or a subdomain", () => {
    expect(originMatchesRpId("https://app.example.com", "app.example.com")).toBe(true);
    expect(originMatchesRpId("https://www.app.example.com", "app.example.com")).toBe(true);
    expect(originMatchesRpId("https://evilapp.example.com", "app.example.com")).toBe(false);
    expect(originMatchesRpId("nonsense", "app.example.com")).toBe(false);
  });
});

describe("encoding", () => {
  it("reads the challenge of a clientDataJSON and refuses unreadable ones", () => {
    const cd = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    expect(challengeOf(cd({ type: "webauthn.get", challenge: "abc_-1" }))).toBe("abc_-1");
    expect(challengeOf(cd({ challenge: "a+b" }))).toBeNull();
    expect(challengeOf(cd({ challenge: 5 }))).toBeNull();
    expect(challengeOf(cd([1]))).toBeNull();
    expect(challengeOf("not base64url!")).toBeNull();
    expect(challengeOf(Buffer.from("{").toString("base64url"))).toBeNull();
  });

  it("makes the user handle from the 16 bytes of the uuid", () => {
    const handle = userHandleOf("0191c2a4-7b3e-7c1d-9a2b-3c4d5e6f7a8b");
    expect(Buffer.from(handle, "base64url").toString("hex")).toBe("0191c2a47b3e7c1d9a2b3c4d5e6f7a8b");
  });

  it("keeps only transports WebAuthn defines, once each", () => {
    expect(knownTransports(["internal", "hybrid", "internal", "<script>", "usb"])).toEqual(["internal", "hybrid", "usb"]);
  });
});
