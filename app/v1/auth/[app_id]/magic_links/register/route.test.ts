import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { userMetaFields } from "@/db/schema";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { authenticate, countUsers, latestLink, latestMessage, linkRow, newEmail, sendRegister, userByEmail } from "../test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  const now = new Date();
  const field = (fieldName: string, fieldType: "string" | "integer" | "boolean", required = false) => ({
    id: randomUUID(),
    appId: t.app.id,
    name: fieldName,
    fieldName,
    fieldType,
    required,
    createdAt: now,
    updatedAt: now,
  });
  await (await getDb()).insert(userMetaFields).values([field("company", "string", true), field("seats", "integer"), field("beta", "boolean")]);
});

describe("POST /v1/auth/{app_id}/magic_links/register", () => {
  it("stores valid meta on the new user at once, reports invalid keys without failing, and emails a confirmation link", async () => {
    const email = newEmail();
    const res = await sendRegister(t.app, {
      identifier: email,
      user_meta: { company: "Acme <script>", seats: "12", beta: "maybe", plan: "pro" },
    });
    expectStatus(res, 200);
    expect(res.body.user_meta_errors).toEqual({ beta: [expect.any(String)], plan: [expect.any(String)] });
    const user = await userByEmail(t.app, email);
    expect(user).toMatchObject({ status: "pending", emailVerified: false, meta: { company: "Acme <script>", seats: 12 } });
    const message = await latestMessage(t.app, email);
    expect(message.template).toBe("magic_link_register");
    const { token } = await latestLink(t.app, email);
    expect(decodeJwt(token).kind).toBe("register");
    expect((await linkRow(res.body.magic_link.id)).userMeta).toEqual({ company: "Acme <script>", seats: 12 });

    expectStatus(await authenticate(t.app, { token }), 200);
    expect(await userByEmail(t.app, email)).toMatchObject({ status: "active", emailVerified: true, meta: { company: "Acme <script>", seats: 12 } });
  });

  it("accepts user_meta as a JSON string and as form bracket keys", async () => {
    const a = newEmail();
    expectStatus(await sendRegister(t.app, { identifier: a, user_meta: JSON.stringify({ company: "Json Co" }) }), 200);
    expect((await userByEmail(t.app, a))?.meta).toEqual({ company: "Json Co" });
    const b = newEmail();
    const form = new URLSearchParams({ identifier: b, "user_meta[company]": "Form Co", "user_meta[seats]": "3" });
    expectStatus(await sendRegister(t.app, form), 200);
    expect((await userByEmail(t.app, b))?.meta).toEqual({ company: "Form Co", seats: 3 });
  });

  it("an unverified user may register again (meta updated); a verified one gets a login link and keeps its meta", async () => {
    const email = newEmail();
    expectStatus(await sendRegister(t.app, { identifier: email, user_meta: { company: "First" } }), 200);
    expectStatus(await sendRegister(t.app, { identifier: email, user_meta: { company: "Second" } }), 200);
    expect((await userByEmail(t.app, email))?.meta).toEqual({ company: "Second" });
    expectStatus(await authenticate(t.app, { token: (await latestLink(t.app, email)).token }), 200);

    const res = await sendRegister(t.app, { identifier: email, user_meta: { company: "Hijack" } });
    expectStatus(res, 200);
    expect((await latestMessage(t.app, email)).template).toBe("magic_link_login");
    expect(decodeJwt((await latestLink(t.app, email)).token).kind).toBe("login");
    expectStatus(await authenticate(t.app, { token: (await latestLink(t.app, email)).token }), 200);
    expect((await userByEmail(t.app, email))?.meta).toEqual({ company: "Second" });
  });

  it("refuses user_meta that is not an object, and oversize meta, writing no user", async () => {
    const before = await countUsers(t.app);
    for (const user_meta of [["a"], "plain string", 42, true]) {
      const res = await sendRegister(t.app, { identifier: newEmail(), user_meta });
      expect(res.status, `${JSON.stringify(user_meta)}: ${res.text}`).toBe(400);
    }
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    expectError(await sendRegister(t.app, { identifier: newEmail(), user_meta: many }), 422, "validation_failed");
    expectError(await sendRegister(t.app, { identifier: newEmail(), user_meta: { company: "x".repeat(9000) } }), 422, "validation_failed");
    expect(await countUsers(t.app)).toBe(before);
  });

  it("prototype-polluting keys are reported, never applied", async () => {
    const email = newEmail();
    const raw = `{"identifier":"${email}","user_meta":{"__proto__":{"admin":true},"constructor":1,"company":"Ok"}}`;
    const res = await sendRegister(t.app, raw, { headers: { "content-type": "application/json" } });
    expectStatus(res, 200);
    expect(res.body.user_meta_errors.constructor).toEqual([expect.any(String)]);
    const meta = (await userByEmail(t.app, email))?.meta ?? {};
    expect(meta).toEqual({ company: "Ok" });
    expect(Object.hasOwn(meta, "__proto__")).toBe(false);
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });
});
