import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { userMetaFields } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { issueMagicLink } from "@/lib/magic-links/issue-magic-link";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { authenticate, confirmInvite, expectLinkNotFound, latestLink, latestMessage, linkRow, loginLink, newEmail, sessionsOf, userByEmail, verifyWithJwks } from "../test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  const now = new Date();
  await (await getDb()).insert(userMetaFields).values([
    { id: randomUUID(), appId: t.app.id, name: "Company", fieldName: "company", fieldType: "string", required: true, createdAt: now, updatedAt: now },
    { id: randomUUID(), appId: t.app.id, name: "Seats", fieldName: "seats", fieldType: "integer", createdAt: now, updatedAt: now },
  ]);
});

/** An invited (pending) user and its emailed invitation, as the admin invite will make them. */
async function invite(email: string, userMeta: Record<string, unknown> | null = null) {
  const identifier = parseIdentifier(email);
  if (!identifier) throw new Error("bad email");
  const ctx = systemCtx("test");
  const id = await (await getDb()).transaction(async (tx) => {
    const { user } = await findOrCreateUser(tx, ctx, { app: t.app, identifier });
    return (await issueMagicLink(tx, ctx, { app: t.app, user, kind: "invite", webauthnEnabled: false, userMeta, expiresInSeconds: 7 * 86400 })).id;
  });
  return { id, token: (await latestLink(t.app, email)).token };
}

describe("POST /v1/auth/{app_id}/magic_links/confirm_invite", () => {
  it("emails an invitation whose token is kind invite and lasts as long as asked", async () => {
    const email = newEmail();
    const { token } = await invite(email);
    expect((await latestMessage(t.app, email)).template).toBe("user_invite");
    const claims = decodeJwt(token);
    expect(claims.kind).toBe("invite");
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(7 * 86400);
  });

  it("422 user_meta_invalid while a required field is missing or a value is invalid; the invitation stays usable", async () => {
    const email = newEmail();
    const { id, token } = await invite(email);
    let res = await confirmInvite(t.app, { token });
    expectError(res, 422, "user_meta_invalid");
    expect(res.body.errors).toEqual({ company: ["is required"] });
    res = await confirmInvite(t.app, { token, user_meta: { company: "Acme", seats: "many" } });
    expectError(res, 422, "user_meta_invalid");
    expect(Object.keys(res.body.errors)).toEqual(["seats"]);
    expect((await linkRow(id)).consumedAt).toBeNull();

    res = await confirmInvite(t.app, { token, user_meta: { company: "Acme", seats: 5 } });
    expectStatus(res, 200);
    expect(res.body.message).toBeUndefined();
    const user = await userByEmail(t.app, email);
    expect(user).toMatchObject({ status: "active", emailVerified: true, meta: { company: "Acme", seats: 5 } });
    expect((await verifyWithJwks(t.app, res.body.access)).uuid).toBe(user?.id);
    expect(await sessionsOf(user?.id ?? "")).toHaveLength(1);

    expectLinkNotFound(await confirmInvite(t.app, { token, user_meta: { company: "Acme" } }));
  });

  it("meta stored with the invitation counts towards required fields", async () => {
    const email = newEmail();
    const { token } = await invite(email, { company: "Preset" });
    expectStatus(await confirmInvite(t.app, { token }), 200);
    expect((await userByEmail(t.app, email))?.meta).toEqual({ company: "Preset" });
  });

  it("refuses login links (404) and bad tokens (401)", async () => {
    const { token } = await loginLink(t.app, newEmail());
    expectLinkNotFound(await confirmInvite(t.app, { token, user_meta: { company: "x" } }));
    expectError(await confirmInvite(t.app, { token: "garbage" }), 401, "invalid_token");
    expectError(await confirmInvite(t.app, { token: "x", user_meta: [1] }), 400, "bad_request");
  });

  it("an invitation may also be exchanged through /authenticate (spec §7.4), applying its meta", async () => {
    const email = newEmail();
    const { token } = await invite(email, { company: "Via authenticate" });
    expectStatus(await authenticate(t.app, { token }), 200);
    expect(await userByEmail(t.app, email)).toMatchObject({ status: "active", meta: { company: "Via authenticate" } });
    expectLinkNotFound(await confirmInvite(t.app, { token }));
  });
});
