import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import { authPath, sessionRow, signIn } from "@/lib/sessions/test-fixtures";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { GET as CURRENT_USER } from "../../current_user/route";
import { GET as LIST } from "../route";
import { DELETE } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  [t, other] = await Promise.all([createTenant(), createTenant()]);
});

const revoke = (token: string | null, id: string) => {
  const p = authPath(t.app, `sessions/${id}`, { id });
  return call(DELETE, "DELETE", p.url, { params: p.params, headers: token ? { "x-authorization": token } : {} });
};
const me = (token: string) => {
  const p = authPath(t.app, "current_user");
  return call(CURRENT_USER, "GET", p.url, { params: p.params, headers: { "x-authorization": token } });
};

describe("DELETE /v1/auth/{app_id}/sessions/{id}", () => {
  it("revokes another of the caller's sessions: { message: ok, verified: true }, event recorded", async () => {
    const email = "revoker@example.com";
    const a = await signIn(t.app, { email });
    const b = await signIn(t.app, { email });
    const res = await revoke(a.payload.access, b.session.id);
    expectStatus(res, 200);
    expect(res.body).toEqual({ message: "ok", verified: true });
    expect(await sessionRow(b.session.id)).toMatchObject({ revokedReason: "revoked_by_user" });
    expectError(await me(b.payload.access), 401, "session_revoked");
    expectStatus(await me(a.payload.access), 200);
    const p = authPath(t.app, "sessions");
    const listed = await call(LIST, "GET", p.url, { params: p.params, headers: { "x-authorization": a.payload.access } });
    expect(listed.body.map((s: { id: string }) => s.id)).toEqual([a.session.id]);
    const recorded = await (await getDb())
      .select()
      .from(events)
      .where(and(eq(events.appUserId, a.user.id), eq(events.slug, "session.revoked")));
    expect(recorded.map((e) => e.params)).toEqual([{ session_id: b.session.id, user_id: a.user.id, reason: "revoked_by_user" }]);
  });

  it("may revoke the current session", async () => {
    const s = await signIn(t.app);
    expectStatus(await revoke(s.payload.access, s.session.id), 200);
    expectError(await me(s.payload.access), 401, "session_revoked");
  });

  it("answers 404 for another user's session, an unknown or malformed id, or one already revoked", async () => {
    const s = await signIn(t.app);
    const victim = await signIn(t.app);
    expectError(await revoke(s.payload.access, victim.session.id), 404, "not_found");
    expect((await sessionRow(victim.session.id))?.revokedAt).toBeNull();
    const foreign = await signIn(other.app);
    expectError(await revoke(s.payload.access, foreign.session.id), 404, "not_found");
    for (const id of ["00000000-0000-7000-8000-000000000000", "nope", "' OR 1=1 --"]) {
      expectError(await revoke(s.payload.access, id), 404, "not_found");
    }
    const mine = await signIn(t.app, { email: s.user.email ?? "" });
    expectStatus(await revoke(s.payload.access, mine.session.id), 200);
    expectError(await revoke(s.payload.access, mine.session.id), 404, "not_found");
  });

  it("answers 401 without a valid user token", async () => {
    const s = await signIn(t.app);
    expectError(await revoke(null, s.session.id), 401, "unauthorized");
    expectError(await revoke(s.refresh, s.session.id), 401, "invalid_token");
    expect((await sessionRow(s.session.id))?.revokedAt).toBeNull();
  });
});
