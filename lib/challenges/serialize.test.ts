import { describe, expect, it } from "vitest";
import { attemptError } from "@/lib/challenges/attempt-error";
import { effectiveStatus, toChallengeFull, toChallengeShort } from "@/lib/challenges/serialize";
import type { ChallengeRow } from "@/lib/challenges/types";

const now = new Date("2026-04-16T12:00:00Z");
const row = (over: Partial<ChallengeRow> = {}): ChallengeRow => ({
  id: "0190a5d4-0000-7000-8000-000000000001",
  tokenHash: "f".repeat(64),
  appId: "0190a5d4-0000-7000-8000-0000000000aa",
  appUserId: "0190a5d4-0000-7000-8000-0000000000bb",
  purpose: "authenticate",
  method: "email_otp",
  status: "pending",
  identifier: "a@x.test",
  codeHash: "e".repeat(64),
  attempts: 1,
  maxAttempts: 3,
  expiresAt: new Date(now.getTime() + 540_500),
  completedAt: null,
  metadata: { intent: "delete_account" },
  intentFields: null,
  intent: null,
  redirectUrl: null,
  callbackUrl: null,
  denyReason: null,
  mfaEnrollmentId: null,
  userMeta: null,
  initiatorType: "user",
  initiatorId: null,
  parentChallengeId: null,
  ip: null,
  userAgent: null,
  createdAt: new Date(now.getTime() - 59_500),
  updatedAt: now,
  ...over,
});

describe("challenge serializer (spec §2.6)", () => {
  it("renders the short form", () => {
    expect(toChallengeShort(row(), { token: "ch_abc", now })).toEqual({
      token: "ch_abc",
      status: "pending",
      purpose: "authenticate",
      method: "email_otp",
      expires_at: "2026-04-16T12:09:00.500Z",
      remaining_attempts: 2,
      time_remaining: 541,
      intent: "delete_account",
      delivery_required: true,
    });
    const totp = toChallengeShort(row({ method: "totp", metadata: {} }), { token: "ch_abc", now });
    expect(totp).toMatchObject({ delivery_required: false, intent: null });
  });

  it("shows expired and exhausted pending rows as expired and failed", () => {
    expect(effectiveStatus(row({ expiresAt: now }), now)).toBe("expired");
    expect(effectiveStatus(row({ attempts: 3 }), now)).toBe("failed");
    expect(effectiveStatus(row({ status: "completed", attempts: 3 }), now)).toBe("completed");
    expect(toChallengeShort(row({ expiresAt: new Date(now.getTime() - 1) }), { token: "t", now })).toMatchObject({
      status: "expired",
      time_remaining: 0,
    });
  });

  it("renders the full form without secrets and without a token it does not know", () => {
    const full = toChallengeFull(row(), { appPublicId: "app_x", now });
    expect(full).toMatchObject({ id: row().id, app_id: "app_x", challenge_method: "email_otp", method: "email_otp", max_attempts: 3, attempts: 1, expires_in: 600 });
    expect(full).not.toHaveProperty("token");
    expect(JSON.stringify(full)).not.toContain("ffff");
    expect(JSON.stringify(full)).not.toContain("eeee");
    expect(toChallengeFull(row(), { appPublicId: "app_x", token: "ch_t", now }).token).toBe("ch_t");
  });

  it("maps attempt outcomes to the contract's errors", () => {
    expect(attemptError({ outcome: "wrong", attempts: 1, remainingAttempts: 2 }).toBody()).toEqual({
      error: "Invalid code",
      error_code: "invalid_code",
      remaining_attempts: 2,
    });
    const last = attemptError({ outcome: "wrong", attempts: 3, remainingAttempts: 0 });
    expect([last.status, last.code, last.extra]).toEqual([422, "challenge_failed", { remaining_attempts: 0 }]);
    expect(attemptError({ outcome: "failed" }).code).toBe("challenge_failed");
    expect(attemptError({ outcome: "expired" }).code).toBe("challenge_expired");
    expect(attemptError({ outcome: "closed", status: "completed" }).code).toBe("invalid_code");
  });
});
