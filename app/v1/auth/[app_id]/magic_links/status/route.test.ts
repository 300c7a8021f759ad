import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, magicLinks } from "@/db/schema";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { authenticate, expectLinkNotFound, loginLink, newEmail, poll, sessionsOf, userByEmail, verifyWithJwks } from "../test-fixtures";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
});

describe("POST /v1/auth/{app_id}/magic_links/status", () => {
  it("202 pending → after the link is used elsewhere, once 200 with a new xlogin session → then 404", async () => {
    const email = newEmail();
    const { id, token } = await loginLink(t.app, email);
    const pending = await poll(t.app, { id });
    expectStatus(pending, 202);
    expect(pending.body).toEqual({ message: "pending", status: "pending" });
    expect(pending.body.access).toBeUndefined();

    const clicked = await authenticate(t.app, { token });
    expectStatus(clicked, 200);

    const ready = await poll(t.app, { id }, { headers: { "user-agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Version/17.0 Mobile/15E148 Safari/604.1" } });
    expectStatus(ready, 200);
    expect(ready.body.message).toBe("ok");
    const user = await userByEmail(t.app, email);
    expect(ready.body.user_id).toBe(user?.id);
    const claims = await verifyWithJwks(t.app, ready.body.access);
    const clickedClaims = await verifyWithJwks(t.app, clicked.body.access);
    expect(claims.uuid).toBe(user?.id);
    expect(claims.uid).not.toBe(clickedClaims.uid);
    const sessions = await sessionsOf(user?.id ?? "");
    expect(sessions.map((s) => s.type).sort()).toEqual(["magic", "xlogin"]);
    expect(sessions.find((s) => s.type === "xlogin")?.id).toBe(claims.uid);

    expectLinkNotFound(await poll(t.app, { id }));
  });

  it("parallel polls after activation: exactly one collects the session", async () => {
    const email = newEmail();
    const { id, token } = await loginLink(t.app, email);
    expectStatus(await authenticate(t.app, { token }), 200);
    const results = await Promise.all(Array.from({ length: 10 }, () => poll(t.app, { id })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.status === 404)).toHaveLength(9);
    const user = await userByEmail(t.app, email);
    expect((await sessionsOf(user?.id ?? "")).filter((s) => s.type === "xlogin")).toHaveLength(1);
  });

  it("unknown, malformed, other-app and expired ids are 404 (never 500)", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "1; drop table magic_links", ""]) {
      const res = await poll(t.app, { id });
      expect(res.status, res.text).toBeGreaterThanOrEqual(400);
      expect(res.status, res.text).toBeLessThan(500);
      if (id) expectLinkNotFound(res);
    }
    expectError(await poll(t.app, {}), 400, "bad_request");
    const foreign = await loginLink(other.app, newEmail());
    expectLinkNotFound(await poll(t.app, { id: foreign.id }));
    const expired = await loginLink(t.app, newEmail());
    await (await getDb()).update(magicLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(magicLinks.id, expired.id));
    expectLinkNotFound(await poll(t.app, { id: expired.id }));
  });

  it("an inactive user's poll is refused with 403 and nothing is handed out", async () => {
    const email = newEmail();
    const { id, token } = await loginLink(t.app, email);
    expectStatus(await authenticate(t.app, { token }), 200);
    const user = await userByEmail(t.app, email);
    await (await getDb()).update(appUsers).set({ status: "inactive" }).where(eq(appUsers.id, user?.id ?? ""));
    expectError(await poll(t.app, { id }), 403, "user_inactive");
    expect((await sessionsOf(user?.id ?? "")).filter((s) => s.type === "xlogin")).toHaveLength(0);
  });
});
