/**
 * Key rotation drill (threats T14, R9): a new key is published before it
 * signs, old tokens keep verifying until the old key retires, and concurrent
 * rotations and promotions leave exactly one active key.
 */
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, getDbHandle } from "@/db/client";
import { events, signingKeys } from "@/db/schema";
import { type Ctx, systemCtx } from "@/lib/context";
import { generateSigningKey, insertSigningKey } from "@/lib/signing-keys/create-signing-key";
import { getJwks } from "@/lib/signing-keys/get-jwks";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import { invalidateKeyset } from "@/lib/signing-keys/keyset";
import { PUBLISH_LEAD_SECONDS, retireAfterFor } from "@/lib/signing-keys/policy";
import { promoteSigningKey } from "@/lib/signing-keys/promote-signing-key";
import { rotateSigningKey } from "@/lib/signing-keys/rotate-signing-key";
import { sweepSigningKeys } from "@/lib/signing-keys/sweep-signing-keys";
import { signAccessToken } from "@/lib/tokens/sign-app-jwt";
import { verifyAppJwt } from "@/lib/tokens/verify-app-jwt";
import { createTenant, type Tenant } from "@/test/harness";

const session = { appUserId: "0196a1c2-0000-7000-8000-0000000000c1", sessionId: "0196a1c2-0000-7000-8000-0000000000c2" };
const at = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);
const ctxAt = (now: Date): Ctx => ({ ...systemCtx("test"), now });
const jwksKids = async (appId: string, now: Date) =>
  (JSON.parse((await getJwks(appId, { now })).body) as { keys: { kid: string }[] }).keys.map((k) => k.kid);

async function statuses(appId: string): Promise<Record<string, string>> {
  const db = await getDb();
  const rows = await db.select({ kid: signingKeys.kid, status: signingKeys.status }).from(signingKeys).where(eq(signingKeys.appId, appId));
  return Object.fromEntries(rows.map((r) => [r.kid, r.status]));
}

describe("rotation drill", () => {
  let t: Tenant;
  beforeAll(async () => {
    t = await createTenant();
  });

  it("publishes K2 before it signs, keeps K1 until its tokens expire, then drops it", async () => {
    const t0 = new Date();
    const k1 = (await getPublicKey(t.app.id)).key_id;
    const t1 = await signAccessToken(t.app, session, { now: t0 });
    expect(t1.kid).toBe(k1);

    const rotation = await rotateSigningKey({ ctx: ctxAt(t0), input: { appId: t.app.id } });
    const k2 = rotation.key.kid;
    expect(rotation.created).toBe(true);
    expect(rotation.key.status).toBe("next");
    expect(rotation.activatesAfter).toEqual(at(t0, PUBLISH_LEAD_SECONDS));
    // Published at once, but K1 still signs throughout the lead time.
    expect(await jwksKids(t.app.id, t0)).toEqual([k1, k2]);
    expect((await signAccessToken(t.app, session, { now: at(t0, PUBLISH_LEAD_SECONDS - 1) })).kid).toBe(k1);
    expect((await promoteSigningKey({ ctx: ctxAt(at(t0, PUBLISH_LEAD_SECONDS - 1)), input: { appId: t.app.id } })).activated).toBeNull();
    expect((await getPublicKey(t.app.id, { now: t0 })).key_id).toBe(k1);

    const tp = at(t0, PUBLISH_LEAD_SECONDS);
    const promotion = await promoteSigningKey({ ctx: ctxAt(tp), input: { appId: t.app.id } });
    expect(promotion.activated?.kid).toBe(k2);
    expect(promotion.retiring?.kid).toBe(k1);
    const retireAfter = retireAfterFor(t.app, tp);
    expect(promotion.retiring?.retireAfter).toEqual(retireAfter);
    expect(await statuses(t.app.id)).toEqual({ [k1]: "retiring", [k2]: "active" });

    const t2 = await signAccessToken(t.app, session, { now: tp });
    expect(t2.kid).toBe(k2);
    expect((await getPublicKey(t.app.id, { now: tp })).key_id).toBe(k2);
    await expect(verifyAppJwt(t.app, t1.token, { type: "access", now: tp })).resolves.toMatchObject({ jti: t1.claims.jti });
    await expect(verifyAppJwt(t.app, t2.token, { type: "access", now: tp })).resolves.toMatchObject({ jti: t2.claims.jti });
    expect(await jwksKids(t.app.id, tp)).toEqual([k2, k1]);

    // The sweep leaves K1 alone until retire_after...
    expect((await sweepSigningKeys({ ctx: ctxAt(at(retireAfter, -1)) })).retired).not.toContain(k1);
    expect(await jwksKids(t.app.id, at(retireAfter, -1))).toEqual([k2, k1]);
    // ...then retires it: gone from the JWKS, and T1 no longer verifies even if expiry were waived.
    const after = at(retireAfter, 1);
    expect((await sweepSigningKeys({ ctx: ctxAt(after) })).retired).toEqual([k1]);
    expect(await statuses(t.app.id)).toEqual({ [k1]: "retired", [k2]: "active" });
    expect(await jwksKids(t.app.id, after)).toEqual([k2]);
    await expect(verifyAppJwt(t.app, t1.token, { type: "access", now: after, allowExpired: true })).rejects.toMatchObject({
      code: "invalid_token",
    });

    const db = await getDb();
    const slugs = (await db.select({ slug: events.slug }).from(events).where(eq(events.appId, t.app.id))).map((e) => e.slug);
    expect(slugs).toEqual(expect.arrayContaining(["signing_key.rotated", "signing_key.activated", "signing_key.retired"]));
  });

  it("drops a retiring key from the JWKS at retire_after even before any sweep runs", async () => {
    const u = await createTenant();
    const t0 = new Date();
    const k1 = (await getPublicKey(u.app.id)).key_id;
    await rotateSigningKey({ ctx: ctxAt(t0), input: { appId: u.app.id } });
    const tp = at(t0, PUBLISH_LEAD_SECONDS);
    await promoteSigningKey({ ctx: ctxAt(tp), input: { appId: u.app.id } });
    const retireAfter = retireAfterFor(u.app, tp);
    expect(await jwksKids(u.app.id, at(retireAfter, -1))).toContain(k1);
    expect(await jwksKids(u.app.id, retireAfter)).not.toContain(k1);
  });
});

describe("promotion without a scheduler", () => {
  it("the first signature after the lead time completes the rotation", async () => {
    const u = await createTenant();
    const t0 = new Date();
    const { key } = await rotateSigningKey({ ctx: ctxAt(t0), input: { appId: u.app.id } });
    const signed = await signAccessToken(u.app, session, { now: at(t0, PUBLISH_LEAD_SECONDS + 5) });
    expect(signed.kid).toBe(key.kid);
    expect((await statuses(u.app.id))[key.kid]).toBe("active");
  });

  it("picks up a promotion another instance made while this cache was stale", async () => {
    const u = await createTenant();
    const t0 = new Date();
    const k1 = (await getPublicKey(u.app.id)).key_id;
    const { key } = await rotateSigningKey({ ctx: ctxAt(t0), input: { appId: u.app.id } });
    await getJwks(u.app.id, { now: t0 }); // warm: k1 active, key pending
    // Another instance promotes: rows change, this process's cache is not told.
    const db = await getDb();
    await db.update(signingKeys).set({ status: "retiring", retireAfter: at(t0, 86_400) }).where(eq(signingKeys.kid, k1));
    await db.update(signingKeys).set({ status: "active" }).where(eq(signingKeys.kid, key.kid));
    const signed = await signAccessToken(u.app, session, { now: at(t0, PUBLISH_LEAD_SECONDS + 1) });
    expect(signed.kid).toBe(key.kid);
  });
});

describe("concurrency", () => {
  it("two concurrent rotations publish one pending key; concurrent promotions leave exactly one active key", async () => {
    const u = await createTenant();
    const k1 = (await getPublicKey(u.app.id)).key_id;
    const t0 = new Date();
    const [r1, r2] = await Promise.all([
      rotateSigningKey({ ctx: ctxAt(t0), input: { appId: u.app.id } }),
      rotateSigningKey({ ctx: ctxAt(t0), input: { appId: u.app.id } }),
    ]);
    expect(r1.key.kid).toBe(r2.key.kid);
    expect([r1.created, r2.created].sort()).toEqual([false, true]);
    expect(await statuses(u.app.id)).toEqual({ [k1]: "active", [r1.key.kid]: "next" });

    const tp = at(t0, PUBLISH_LEAD_SECONDS);
    const results = await Promise.all(
      Array.from({ length: 4 }, () => promoteSigningKey({ ctx: ctxAt(tp), input: { appId: u.app.id } })),
    );
    expect(results.filter((r) => r.activated !== null)).toHaveLength(1);
    expect(await statuses(u.app.id)).toEqual({ [k1]: "retiring", [r1.key.kid]: "active" });
  });

  // On Postgres, force the race: both rotations pass their key generation and
  // reach the database while a table lock holds the first one's insert. Without
  // the app row lock, both would see no pending key and both insert one.
  it.runIf(process.env.DATABASE_URL)("two rotations that reach the database together still publish one key (Postgres)", async () => {
    const { engine } = await getDbHandle();
    expect(engine).toBe("postgres");
    const u = await createTenant();
    const db = await getDb();
    let rotations: Promise<unknown>[] = [];
    await db.transaction(async (tx) => {
      await tx.execute(sql`lock table signing_keys in share row exclusive mode`);
      rotations = [1, 2].map(() => rotateSigningKey({ ctx: systemCtx("test"), input: { appId: u.app.id } }));
      for (let i = 0; i < 200; i++) {
        const [waiting] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(sql`pg_stat_activity`)
          .where(sql`datname = current_database() and wait_event_type = 'Lock'`);
        if ((waiting?.n ?? 0) >= 2) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    });
    await Promise.all(rotations);
    expect(Object.values(await statuses(u.app.id)).sort()).toEqual(["active", "next"]);
  });

  it("a sweep racing a lazy promotion still leaves one active key", async () => {
    const u = await createTenant();
    const t0 = new Date();
    const { key } = await rotateSigningKey({ ctx: ctxAt(t0), input: { appId: u.app.id } });
    const tp = at(t0, PUBLISH_LEAD_SECONDS);
    await Promise.all([sweepSigningKeys({ ctx: ctxAt(tp) }), signAccessToken(u.app, session, { now: tp })]);
    const db = await getDb();
    const active = await db
      .select({ kid: signingKeys.kid })
      .from(signingKeys)
      .where(and(eq(signingKeys.appId, u.app.id), eq(signingKeys.status, "active")));
    expect(active).toEqual([{ kid: key.kid }]);
  });

  it("refuses to rotate an unknown app", async () => {
    for (const appId of ["00000000-0000-7000-8000-000000000000", "not-a-uuid"]) {
      await expect(rotateSigningKey({ ctx: systemCtx(), input: { appId } })).rejects.toMatchObject({ code: "app_not_found" });
    }
  });
});

describe("key set cache", () => {
  it("serves the JWKS from memory: a key written behind its back appears only after invalidation", async () => {
    const u = await createTenant();
    const before = await getJwks(u.app.id);
    const db = await getDb();
    const sneaky = await insertSigningKey(db, u.app.id, await generateSigningKey(new Date()), "next", new Date());
    expect(await getJwks(u.app.id)).toBe(before);
    invalidateKeyset(u.app.id);
    const after = await getJwks(u.app.id);
    expect(after.etag).not.toBe(before.etag);
    expect(after.body).toContain(sneaky.kid);
  });
});
