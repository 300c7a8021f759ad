import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, webauthnCredentials } from "@/db/schema";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as createField } from "@/app/v1/apps/[app_id]/user_meta_fields/route";
import { revokedKey } from "@/app/v1/apps/[app_id]/user_meta_fields/test-fixtures";
import { POST as importRoute } from "../import/route";
import { GET } from "./route";

let a: Tenant;
let b: Tenant;
let other: Tenant;

async function declareFields(tenant: Tenant) {
  for (const [name, field_type, field_name] of [
    ["Plan", "string", "plan"],
    ["Seats", "integer", "seats"],
    ["Newsletter", "boolean", "newsletter"],
    ["Birthday", "date", "birthday"],
    ["Work phone", "phone", "work_phone"],
    // Collides with a standard column: exported as user_meta.status.
    ["Status note", "text", "status"],
  ] as const) {
    const res = await call(createField, "POST", "/x", { params: { app_id: tenant.app.publicId }, secret: tenant.appKey, body: { name, field_type, field_name } });
    expectStatus(res, 200);
  }
}

const importInto = (tenant: Tenant, body: string, contentType: string) =>
  call(importRoute, "POST", `/v1/${tenant.app.publicId}/users/import`, {
    params: { app_id: tenant.app.publicId },
    secret: tenant.appKey,
    body,
    headers: { "content-type": contentType },
  });
const exportOf = (tenant: Tenant, format?: string, secret: string | null = tenant.appKey) =>
  call(GET, "GET", `/v1/${tenant.app.publicId}/users/export`, {
    params: { app_id: tenant.app.publicId },
    secret: secret ?? undefined,
    query: format ? { format } : {},
  });
const usersOf = async (tenant: Tenant) => (await getDb()).select().from(appUsers).where(eq(appUsers.appId, tenant.app.id));

const HOSTILE = [
  ["formula@example.com", "=HYPERLINK(\"https://evil.test\",\"x\")", "+cmd|' /C calc'!A0", "-2", "@SUM(1)", "-"],
  ["tab@example.com", "Tab", "Return", "7", "\tTabbed", "\rReturn, with comma"],
] as const;

beforeAll(async () => {
  a = await createTenant();
  b = await createTenant();
  other = await createTenant();
  await declareFields(a);
  await declareFields(b);
  const users = [
    ...HOSTILE.map(([email, first, last, seats, plan, status]) => ({ email, first_name: first, last_name: last, user_meta: { seats, plan, status } })),
    {
      email: "full@example.com",
      phone: "+14155552671",
      first_name: "Full",
      middle_name: "M",
      last_name: "User \"Quoted\"",
      external_id: "ext-42",
      user_meta: { plan: "pro", seats: 3, newsletter: true, birthday: "1990-05-17", work_phone: "+442079460958", status: "vip\nsecond line" },
    },
    ...Array.from({ length: 1200 }, (_, i) => ({ email: `bulk${i}@example.com`, first_name: `Bulk${i}` })),
  ];
  const res = await importInto(a, JSON.stringify({ users }), "application/json");
  expectStatus(res, 200);
  expect(res.body.imported_count).toBe(users.length);
  const [full] = (await usersOf(a)).filter((u) => u.email === "full@example.com");
  const now = new Date();
  for (const id of ["cred-1", "cred-2"]) {
    await (await getDb()).insert(webauthnCredentials).values({ appId: a.app.id, appUserId: full?.id ?? "", credentialId: id, publicKey: "pk", createdAt: now, updatedAt: now });
  }
}, 120_000);

describe("GET /v1/{app_id}/users/export", () => {
  it("streams every user as CSV with meta columns and passkey counts, formula cells neutralised", async () => {
    const res = await exportOf(a);
    expectStatus(res, 200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="users-${a.app.publicId}.csv"`);
    const rows: string[][] = parse(res.text);
    const [header, ...data] = rows;
    expect(header).toEqual([
      "id",
      "email",
      "phone",
      "first_name",
      "middle_name",
      "last_name",
      "external_id",
      "status",
      "email_verified",
      "phone_verified",
      "passkey_count",
      "login_count",
      "created_at",
      "last_login_at",
      "plan",
      "seats",
      "newsletter",
      "birthday",
      "work_phone",
      "user_meta.status",
    ]);
    expect(data).toHaveLength(1203);
    expect(new Set(data.map((r) => r[1])).size).toBe(1203);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const byEmail = new Map(data.map((r) => [r[1], r]));
    const formula = byEmail.get("formula@example.com") ?? [];
    expect(formula[col("first_name")]).toBe("'=HYPERLINK(\"https://evil.test\",\"x\")");
    expect(formula[col("last_name")]).toBe("'+cmd|' /C calc'!A0");
    expect(formula[col("seats")]).toBe("'-2");
    expect(formula[col("plan")]).toBe("'@SUM(1)");
    const tab = byEmail.get("tab@example.com") ?? [];
    expect(tab[col("plan")]).toBe("'\tTabbed");
    expect(tab[col("user_meta.status")]).toBe("'\rReturn, with comma");
    expect(formula[col("user_meta.status")]).toBe("'-");
    // Every dangerous cell is quoted in the raw text, apostrophe inside the quotes.
    expect(res.text).toContain(`"'=HYPERLINK(""https://evil.test"",""x"")"`);
    const full = byEmail.get("full@example.com") ?? [];
    expect(full[col("passkey_count")]).toBe("2");
    expect(full[col("phone")]).toBe("'+14155552671");
    expect(full[col("status")]).toBe("imported");
    expect(full[col("user_meta.status")]).toBe("vip\nsecond line");
    expect(full[col("newsletter")]).toBe("true");
    expect(byEmail.get("bulk0@example.com")?.[col("passkey_count")]).toBe("0");
  });

  it("exports JSON with user_meta and passkey counts", async () => {
    const res = await exportOf(a, "json");
    expectStatus(res, 200);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.body.users).toHaveLength(1203);
    const full = res.body.users.find((u: { email: string }) => u.email === "full@example.com");
    expect(full).toMatchObject({
      phone: "+14155552671",
      external_id: "ext-42",
      status: "imported",
      passkey_count: 2,
      user_meta: { plan: "pro", seats: 3, newsletter: true, birthday: "1990-05-17", work_phone: "+442079460958", status: "vip\nsecond line" },
    });
    const empty = await createTenant();
    const none = await exportOf(empty, "json");
    expect(none.body).toEqual({ users: [] });
    const csv = await exportOf(empty);
    expect(csv.text.trim().split("\n")).toHaveLength(1);
  });

  it("round-trips: the CSV export of one app imports into another with the same users, names and meta", async () => {
    const csv = await exportOf(a);
    const res = await importInto(b, csv.text, "text/csv");
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ imported_count: 1203, error_count: 0, skipped_count: 0, errors: [] });
    expect(res.body.ignored_columns).toEqual(["created_at", "email_verified", "id", "last_login_at", "login_count", "passkey_count", "phone_verified", "status"]);
    const pick = (u: typeof appUsers.$inferSelect) => [u.email, u.phone, u.firstName, u.middleName, u.lastName, u.externalId, u.meta, u.status];
    const before = (await usersOf(a)).map(pick).sort();
    const after = (await usersOf(b)).map(pick).sort();
    expect(after).toEqual(before);
    expect(after.find((u) => u[0] === "formula@example.com")?.[2]).toBe("=HYPERLINK(\"https://evil.test\",\"x\")");
    // Importing the same export again changes nothing.
    const again = await importInto(b, csv.text, "text/csv");
    expect(again.body).toMatchObject({ imported_count: 0, skipped_count: 1203 });
  }, 60_000);

  it("round-trips through JSON too", async () => {
    const target = await createTenant();
    await declareFields(target);
    const json = await exportOf(a, "json");
    const res = await importInto(target, json.text, "application/json");
    expect(res.body).toMatchObject({ imported_count: 1203, error_count: 0 });
    const full = (await usersOf(target)).find((u) => u.email === "full@example.com");
    expect(full?.meta).toEqual({ plan: "pro", seats: 3, newsletter: true, birthday: "1990-05-17", work_phone: "+442079460958", status: "vip\nsecond line" });
  }, 60_000);

  it("refuses an unknown format", async () => {
    expectError(await exportOf(a, "xml"), 422, "validation_failed");
  });

  it("enforces the tenant rules and leaks nothing", async () => {
    expectError(await exportOf(a, undefined, null), 401, "api_key_required");
    expectError(await exportOf(a, undefined, await revokedKey(a)), 401, "invalid_api_key");
    expectError(await exportOf(a, undefined, other.appKey), 403, "api_key_not_authorized");
    const leak = await exportOf(a, "json", other.workspaceKey);
    expectError(leak, 404, "app_not_found");
    expect(leak.text).not.toContain("@example.com");
    const ok = await call(GET, "GET", "/x", { params: { app_id: a.app.id }, secret: a.workspaceKey, query: { format: "json" } });
    expect(ok.body.users).toHaveLength(1203);
  });
});
