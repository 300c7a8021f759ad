import { describe, expect, it } from "vitest";
import { computeRisk, isDisposableEmail, riskSignals } from "@/lib/verifications/risk";

const base = { identifier: "jane@acme.com", hasHistory: true, ipSeenBefore: true, deviceSeenBefore: true, recentCount: 1 };

describe("verification risk", () => {
  it("a known contact on a known IP and device is low risk", () => {
    expect(computeRisk(base)).toEqual({ score: 0, level: "low", signals: [], recommendation: "allow" });
  });

  it("a first verification is not penalised for new IP or device", () => {
    expect(riskSignals({ ...base, hasHistory: false, ipSeenBefore: false, deviceSeenBefore: false })).toEqual([]);
  });

  it("new IP and device add up to medium (review)", () => {
    expect(computeRisk({ ...base, ipSeenBefore: false, deviceSeenBefore: false })).toEqual({
      score: 45,
      level: "medium",
      signals: ["new_ip", "new_device"],
      recommendation: "review",
    });
  });

  it("velocity above 3 per hour and a disposable domain make it high (deny)", () => {
    const r = computeRisk({ ...base, identifier: "x@mailinator.com", recentCount: 4 });
    expect(r).toMatchObject({ score: 70, level: "high", recommendation: "deny", signals: ["velocity", "disposable_email"] });
    expect(computeRisk({ ...base, recentCount: 3 }).signals).toEqual([]);
  });

  it("caps the score at 100", () => {
    const r = computeRisk({ identifier: "a@yopmail.com", hasHistory: true, ipSeenBefore: false, deviceSeenBefore: false, recentCount: 9 });
    expect(r.score).toBe(100);
  });

  it("recognises disposable domains and their subdomains, not phones", () => {
    expect(isDisposableEmail("a@MAILINATOR.com")).toBe(true);
    expect(isDisposableEmail("a@eu.mailinator.com")).toBe(true);
    expect(isDisposableEmail("a@notmailinator.com")).toBe(false);
    expect(isDisposableEmail("+14155550100")).toBe(false);
  });
});
