import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { challenges } from "@/db/schema";
import { attemptChallengeCode } from "@/lib/challenges/attempt-challenge-code";
import { cancelPendingChallenges, completeChallenge } from "@/lib/challenges/complete-challenge";
import { type CreateChallengeInput, createChallenge } from "@/lib/challenges/create-challenge";
import { findChallengeByToken, findLatestPendingChallenge } from "@/lib/challenges/find-challenge";
import { systemCtx } from "@/lib/context";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { randomBase62 } from "@/lib/ids";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { createTenant, type Tenant } from "@/test/harness";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

const ctx = () => systemCtx("test");

async function newUserId(tenant = t): Promise<string> {
  const identifier = parseIdentifier(`c-${randomBase62(8).toLowerCase()}@example.com`);
  if (!identifier) throw new Error("bad identifier");
  const db = await getDb();
  return db.transaction(async (tx) => (await findOrCreateUser(tx, ctx(), { app: tenant.app, identifier })).user.id);
}

async function challenge(over: Partial<CreateChallengeInput> = {}, tenant = t) {
  const appUserId = over.appUserId ?? (await newUserId(tenant));
  const db = await getDb();
  const created = await db.transaction((tx) =>
    createChallenge(tx, ctx(), {
      appId: tenant.app.id,
      appUserId,
      purpose: "authenticate",
      method: "email_otp",
      identifier: "c@example.com",
      codeLength: 6,
      ...over,
    }),
  );
  return { ...created, code: created.code ?? "", appUserId };
}

const rowOf = async (id: string) => (await (await getDb()).select().from(challenges).where(eq(challenges.id, id)))[0];
const wrong = (code: string) => code.replace(/./g, (d) => String((Number(d) + 1) % 10));

describe("createChallenge", () => {
  it("stores a pending challenge with hashed secrets and the defaults of §2.6", async () => {
    const { challenge: c, token, code } = await challenge();
    expect(c).toMatchObject({ status: "pending", attempts: 0, maxAttempts: 3, purpose: "authenticate", method: "email_otp" });
    expect(c.expiresAt.getTime() - c.createdAt.getTime()).toBe(600_000);
    expect(code).toMatch(/^\d{6}$/);
    expect(JSON.stringify(c)).not.toContain(token);
    expect(c.codeHash).not.toContain(code);
    const none = await challenge({ method: "totp", codeLength: undefined });
    expect([none.challenge.codeHash, none.code]).toEqual([null, ""]);
    const fixed = await challenge({ fixedCode: "424242" });
    expect(fixed.code).toBe("424242");
  });
});

describe("attemptChallengeCode", () => {
  it("counts each try, fails the challenge at max_attempts, then refuses even the right code", async () => {
    const { challenge: c, code } = await challenge();
    expect(await attemptChallengeCode(ctx(), c, wrong(code))).toEqual({ outcome: "wrong", attempts: 1, remainingAttempts: 2 });
    expect(await attemptChallengeCode(ctx(), c, "junk")).toEqual({ outcome: "wrong", attempts: 2, remainingAttempts: 1 });
    expect(await attemptChallengeCode(ctx(), c, wrong(code))).toEqual({ outcome: "wrong", attempts: 3, remainingAttempts: 0 });
    expect((await rowOf(c.id))?.status).toBe("failed");
    expect(await attemptChallengeCode(ctx(), c, code)).toEqual({ outcome: "failed" });
    expect((await rowOf(c.id))?.attempts).toBe(3);
  });

  it("honours a custom max_attempts", async () => {
    const { challenge: c, code } = await challenge({ maxAttempts: 1 });
    expect(await attemptChallengeCode(ctx(), c, wrong(code))).toMatchObject({ outcome: "wrong", remainingAttempts: 0 });
    expect(await attemptChallengeCode(ctx(), c, code)).toEqual({ outcome: "failed" });
  });

  it("gives at most max_attempts comparisons to 20 parallel tries", async () => {
    const { challenge: c, code } = await challenge();
    const results = await Promise.all(Array.from({ length: 20 }, () => attemptChallengeCode(ctx(), c, wrong(code))));
    expect(results.filter((r) => r.outcome === "wrong")).toHaveLength(3);
    expect(results.filter((r) => r.outcome === "failed")).toHaveLength(17);
    expect(await rowOf(c.id)).toMatchObject({ attempts: 3, status: "failed" });
  });

  it("marks a late try expired without counting it", async () => {
    const { challenge: c, code } = await challenge({ expiresInSeconds: 60 });
    const later = { ...ctx(), now: new Date(Date.now() + 61_000) };
    expect(await attemptChallengeCode(later, c, code)).toEqual({ outcome: "expired" });
    expect(await rowOf(c.id)).toMatchObject({ status: "expired", attempts: 0 });
    expect(await attemptChallengeCode(ctx(), c, code)).toEqual({ outcome: "expired" });
  });

  it("says correct for the right code and leaves completion to completeChallenge (one winner)", async () => {
    const { challenge: c, code } = await challenge();
    expect(await attemptChallengeCode(ctx(), c, code)).toEqual({ outcome: "correct", attempts: 1, maxAttempts: 3 });
    const db = await getDb();
    const winners = await Promise.all(
      Array.from({ length: 10 }, () => db.transaction((tx) => completeChallenge(tx, ctx(), c.id))),
    );
    expect(winners.filter(Boolean)).toHaveLength(1);
    expect(await rowOf(c.id)).toMatchObject({ status: "completed", completedAt: expect.any(Date) });
    expect(await attemptChallengeCode(ctx(), c, code)).toEqual({ outcome: "closed", status: "completed" });
  });

  it("does not complete an expired challenge", async () => {
    const { challenge: c } = await challenge({ expiresInSeconds: 60 });
    const db = await getDb();
    const later = { ...ctx(), now: new Date(Date.now() + 61_000) };
    expect(await db.transaction((tx) => completeChallenge(tx, later, c.id))).toBeNull();
  });
});

describe("finding and cancelling challenges", () => {
  it("finds by token only within the challenge's app", async () => {
    const { challenge: c, token } = await challenge();
    expect((await findChallengeByToken(t.app.id, token))?.id).toBe(c.id);
    expect(await findChallengeByToken(other.app.id, token)).toBeNull();
    expect(await findChallengeByToken(t.app.id, `${token}x`)).toBeNull();
    expect(await findChallengeByToken(t.app.id, "not a token")).toBeNull();
  });

  it("finds a user's latest pending challenge of a purpose and method, and cancels them", async () => {
    const userId = await newUserId();
    const first = await challenge({ appUserId: userId });
    const second = await challenge({ appUserId: userId });
    await challenge({ appUserId: userId, purpose: "step_up" });
    await challenge({ appUserId: userId, method: "sms_otp" });
    const filter = { purpose: "authenticate", methods: ["email_otp"] } as const;
    expect((await findLatestPendingChallenge(t.app.id, userId, filter))?.id).toBe(second.challenge.id);
    expect(await findLatestPendingChallenge(other.app.id, userId, filter)).toBeNull();
    expect(await findLatestPendingChallenge(t.app.id, "nope", filter)).toBeNull();

    const db = await getDb();
    const cancelled = await db.transaction((tx) =>
      cancelPendingChallenges(tx, ctx(), { appId: t.app.id, appUserId: userId, ...filter }),
    );
    expect(cancelled).toBe(2);
    expect((await rowOf(first.challenge.id))?.status).toBe("cancelled");
    expect(await findLatestPendingChallenge(t.app.id, userId, filter)).toBeNull();
    expect(await findLatestPendingChallenge(t.app.id, userId, { purpose: "step_up", methods: ["email_otp"] })).not.toBeNull();
  });
});
