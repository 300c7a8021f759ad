import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, events, outboxMessages } from "@/db/schema";
import { call, createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { POST as createField } from "@/app/v1/apps/[app_id]/user_meta_fields/route";
import { revokedKey, userWithMeta } from "@/app/v1/apps/[app_id]/user_meta_fields/test-fixtures";
import { POST } from "./route";

let t: Tenant;
let other: Tenant;
beforeAll(async () => {
  t = await createTenant();
  other = await createTenant();
  await declareFields(t);
});

async function declareFields(tenant: Tenant) {
  for (const [name, field_type] of [
    ["plan", "string"],
    ["seats", "integer"],
    ["newsletter", "boolean"],
    ["birthday", "date"],
    ["work_phone", "phone"],
  ] as const) {
    const res = await call(createField, "POST", "/x", { params: { app_id: tenant.app.publicId }, secret: tenant.appKey, body: { name, field_type } });
    expectStatus(res, 200);
  }
}

const url = (tenant: Tenant) => `/v1/${tenant.app.publicId}/users/import`;
const importJson = (tenant: Tenant, body: unknown, secret: string | null = tenant.appKey) =>
  call(POST, "POST", url(tenant), {
    params: { app_id: tenant.app.publicId },
    secret: secret ?? undefined,
    body,
    headers: { "content-type": "application/json" },
  });
const importCsv = (tenant: Tenant, csv: string, secret: string | undefined = tenant.appKey) =>
  call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, secret, body: csv, headers: { "content-type": "text/csv" } });
const importFile = (tenant: Tenant, content: BlobPart, filename: string, type = "text/csv") => {
  const form = new FormData();
  form.append("file", new File([content], filename, { type }));
  return call(POST, "POST", url(tenant), { params: { app_id: tenant.app.publicId }, secret: tenant.appKey, body: form });
};
const usersOf = async (tenant: Tenant) => (await getDb()).select().from(appUsers).where(eq(appUsers.appId, tenant.app.id));
const userByEmail = async (tenant: Tenant, email: string) => (await usersOf(tenant)).find((u) => u.email === email);

describe("POST /v1/{app_id}/users/import (JSON)", () => {
  it("imports valid users as imported and unverified, normalised and typed, sending no email", async () => {
    const res = await importJson(t, {
      users: [
        {
          email: "  Ada.Lovelace@Example.COM ",
          phone: "+44 20 7946 0958",
          first_name: "Ada",
          last_name: "Lovelace",
          external_id: "ext-1",
          user_meta: { plan: "=HYPERLINK(\"https://evil.test\",\"x\")", seats: "12", newsletter: "true", birthday: "1815-12-10", work_phone: "+1 (415) 555-2671" },
        },
        { email: "grace@example.com", name: "Grace Brewster Hopper", user_meta: { seats: -3 } },
        { email: "script@example.com", first_name: "<script>alert(1)</script>", last_name: "'; DROP TABLE users;--" },
      ],
    });
    expectStatus(res, 200);
    expect(res.body).toEqual({ imported_count: 3, skipped_count: 0, error_count: 0, total_rows: 3, errors: [], ignored_columns: [] });
    const ada = await userByEmail(t, "ada.lovelace@example.com");
    expect(ada).toMatchObject({
      status: "imported",
      emailVerified: false,
      phoneVerified: false,
      phone: "+442079460958",
      firstName: "Ada",
      lastName: "Lovelace",
      externalId: "ext-1",
      meta: { plan: "=HYPERLINK(\"https://evil.test\",\"x\")", seats: 12, newsletter: true, birthday: "1815-12-10", work_phone: "+14155552671" },
    });
    expect(await userByEmail(t, "grace@example.com")).toMatchObject({ firstName: "Grace", lastName: "Brewster Hopper", meta: { seats: -3 } });
    expect(await userByEmail(t, "script@example.com")).toMatchObject({ firstName: "<script>alert(1)</script>", lastName: "'; DROP TABLE users;--" });
    const db = await getDb();
    expect(await db.select().from(outboxMessages).where(eq(outboxMessages.appId, t.app.id))).toEqual([]);
    const [ev] = await db.select().from(events).where(eq(events.slug, "user.imported"));
    expect(ev?.params).toMatchObject({ imported_count: 3, total_rows: 3 });
  });

  it("reports each bad row with its position and reason, skips existing users, imports the rest", async () => {
    await userWithMeta(t, "existing@example.com", {});
    const res = await importJson(t, {
      users: [
        { email: "ok1@example.com" },
        { email: "not-an-email" },
        { phone: "+14155552671" },
        { email: "Existing@Example.com" },
        { email: "badphone@example.com", phone: "555-1234" },
        { email: "badmeta@example.com", user_meta: { seats: "12a" } },
        { email: "unknownmeta@example.com", user_meta: { favourite_colour: "red" } },
        { email: "status@example.com", email_verified: true, status: "active", role: "admin" },
        "not an object",
        { email: "ok1@EXAMPLE.com" },
        { email: "dupext1@example.com", external_id: "same" },
        { email: "dupext2@example.com", external_id: "same" },
        { email: "taken-ext@example.com", external_id: "ext-1" },
        { email: "long@example.com", first_name: "x".repeat(300) },
        { email: "proto@example.com", user_meta: JSON.parse('{"__proto__": {"admin": true}}') },
        { email: "ok2@example.com", first_name: "Ok" },
        { email: "nul@example.com", user_meta: { plan: "a\u0000b" } },
        { email: "surrogate@example.com", user_meta: { plan: "\ud800" } },
      ],
    });
    expectStatus(res, 200);
    const byLine = Object.fromEntries(res.body.errors.map((e: { line: number }) => [e.line, e]));
    expect(Object.keys(byLine).map(Number)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 17, 18]);
    expect(byLine[17]).toMatchObject({ error_code: "malformed_row", email: null });
    expect(byLine[18]).toMatchObject({ error_code: "malformed_row" });
    expect(byLine[2]).toEqual({ line: 2, email: "not-an-email", error: "Identifier invalid", error_code: "invalid_email", column: "email", skipped: false });
    expect(byLine[3]).toMatchObject({ error_code: "email_required", column: "email" });
    expect(byLine[4]).toMatchObject({ email: "existing@example.com", error_code: "identifier_taken", skipped: true });
    expect(byLine[5]).toMatchObject({ error_code: "invalid_phone", column: "phone" });
    expect(byLine[6]).toMatchObject({ error_code: "user_meta_invalid", column: "seats", error: "user_meta invalid: seats must be an integer" });
    expect(byLine[7]).toMatchObject({ error_code: "user_meta_invalid", column: "favourite_colour" });
    expect(byLine[8]).toMatchObject({ error_code: "unknown_field", column: "role" });
    expect(byLine[9]).toMatchObject({ error_code: "malformed_row" });
    expect(byLine[10]).toMatchObject({ error_code: "duplicate_row", column: "email", error: "Duplicate email of line 1" });
    expect(byLine[12]).toMatchObject({ error_code: "duplicate_row", column: "external_id" });
    expect(byLine[13]).toMatchObject({ error_code: "external_id_taken", column: "external_id" });
    expect(byLine[14]).toMatchObject({ error_code: "invalid_value", column: "first_name" });
    expect(byLine[15]).toMatchObject({ error_code: "user_meta_invalid", column: "__proto__" });
    expect(res.body).toMatchObject({ imported_count: 3, skipped_count: 1, error_count: 14, total_rows: 18, ignored_columns: ["email_verified", "status"] });
    // The row with status/email_verified columns: those are ignored, but its unknown `role` refused the row.
    expect(await userByEmail(t, "status@example.com")).toBeUndefined();
    for (const email of ["ok1@example.com", "dupext1@example.com", "ok2@example.com"]) {
      expect((await userByEmail(t, email))?.status).toBe("imported");
    }
  });

  it("never applies status or verification flags given in a row", async () => {
    const res = await importJson(t, { users: [{ email: "flags@example.com", status: "active", email_verified: true, phone_verified: "true" }] });
    expect(res.body).toMatchObject({ imported_count: 1, ignored_columns: ["email_verified", "phone_verified", "status"] });
    expect(await userByEmail(t, "flags@example.com")).toMatchObject({ status: "imported", emailVerified: false, phoneVerified: false });
  });

  it("refuses bodies that are not an import", async () => {
    expectError(await importJson(t, { users: "nope" }), 400, "bad_request");
    expectError(await importJson(t, { users: { email: "a@b.co" } }), 400, "bad_request");
    expectError(await importJson(t, {}), 400, "bad_request");
    expectError(await importJson(t, '{"users": ['), 400, "invalid_json");
    const xml = await call(POST, "POST", url(t), { params: { app_id: t.app.publicId }, secret: t.appKey, body: "<users/>", headers: { "content-type": "application/xml" } });
    expectError(xml, 415, "unsupported_media_type");
  });
});

describe("POST /v1/{app_id}/users/import (CSV)", () => {
  it("imports 1,000 rows with 10 broken ones: 990 imported and 10 precise errors", async () => {
    const tenant = await createTenant();
    await declareFields(tenant);
    const lines = ["email,first_name,last_name,phone,plan,seats,newsletter,birthday"];
    const broken = new Map<number, string>();
    for (let i = 0; i < 1000; i++) {
      const line = i + 2;
      let row = `user${i}@example.com,First${i},Last${i},,plan-${i},${i},${i % 2 ? "true" : "false"},2000-01-01`;
      if (i % 100 === 37) {
        const k = broken.size;
        const variants: [string, string][] = [
          [`user${i}@@example.com,F,L,,p,1,true,2000-01-01`, "invalid_email"],
          [`,F,L,,p,1,true,2000-01-01`, "email_required"],
          [`user${i}@example.com,F,L,12345,p,1,true,2000-01-01`, "invalid_phone"],
          [`user${i}@example.com,F,L,,p,twelve,true,2000-01-01`, "user_meta_invalid"],
          [`user${i}@example.com,F,L,,p,1,yes,2000-01-01`, "user_meta_invalid"],
          [`user${i}@example.com,F,L,,p,1,true,2001-02-29`, "user_meta_invalid"],
          [`user${i}@example.com,F,L,,p,1,true`, "malformed_row"],
          [`user${i}@example.com,F,L,,p,1,true,2000-01-01,extra`, "malformed_row"],
          [`USER0@example.com,F,L,,p,1,true,2000-01-01`, "duplicate_row"],
          [`user${i}@example.com,${"x".repeat(300)},L,,p,1,true,2000-01-01`, "invalid_value"],
        ];
        const [text, code] = variants[k] ?? ["", ""];
        row = text;
        broken.set(line, code);
      }
      lines.push(row);
    }
    const started = Date.now();
    const res = await importCsv(tenant, `${lines.join("\r\n")}\r\n`);
    expectStatus(res, 200);
    expect(res.body.imported_count).toBe(990);
    expect(res.body.error_count).toBe(10);
    expect(res.body.skipped_count).toBe(0);
    expect(res.body.total_rows).toBe(1000);
    expect(res.body.errors.map((e: { line: number; error_code: string }) => [e.line, e.error_code])).toEqual([...broken.entries()]);
    expect((await usersOf(tenant)).length).toBe(990);
    expect(await userByEmail(tenant, "user1@example.com")).toMatchObject({ firstName: "First1", meta: { plan: "plan-1", seats: 1, newsletter: true, birthday: "2000-01-01" } });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("accepts a multipart file with a UTF-8 BOM and CRLF, a {csv} body, and keeps formula cells as text", async () => {
    const tenant = await createTenant();
    await declareFields(tenant);
    const csv = "\uFEFFEmail,Name,plan,user_meta.seats\r\nbom@example.com,Byte Order,=SUM(A1:A9),5\r\nquote@example.com,\"Doe, Jane\",\"@cmd\",\r\n";
    const res = await importFile(tenant, csv, "users.csv");
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ imported_count: 2, error_count: 0 });
    expect(await userByEmail(tenant, "bom@example.com")).toMatchObject({ firstName: "Byte", lastName: "Order", meta: { plan: "=SUM(A1:A9)", seats: 5 } });
    expect(await userByEmail(tenant, "quote@example.com")).toMatchObject({ firstName: "Doe,", lastName: "Jane", meta: { plan: "@cmd" } });
    const viaJson = await importJson(tenant, { csv: "email,plan\njson-csv@example.com,+1+1\n" });
    expect(viaJson.body).toMatchObject({ imported_count: 1 });
    expect((await userByEmail(tenant, "json-csv@example.com"))?.meta).toEqual({ plan: "+1+1" });
    const jsonFile = await importFile(tenant, JSON.stringify([{ email: "file@example.com" }]), "users.json", "application/json");
    expect(jsonFile.body).toMatchObject({ imported_count: 1 });
  });

  it("reports a row with an unterminated quote and still imports the rows after it", async () => {
    const tenant = await createTenant();
    const csv = "email,first_name\nq1@example.com,\"multi\nline\"\nq2@example.com,\"Broken\nq3@example.com,C\nq5@example.com,E\n";
    const res = await importCsv(tenant, csv);
    expectStatus(res, 200);
    expect(res.body.errors.map((e: { line: number; error_code: string }) => [e.line, e.error_code])).toEqual([
      [4, "malformed_row"],
    ]);
    expect(res.body.errors[0].error).toBe("The row has an unterminated quote");
    expect((await usersOf(tenant)).map((u) => u.email).sort()).toEqual(["q1@example.com", "q3@example.com", "q5@example.com"]);
    expect((await userByEmail(tenant, "q1@example.com"))?.firstName).toBe("multi\nline");
  });

  it("answers a header-only file with an empty report", async () => {
    const res = await importCsv(t, "email,first_name\n");
    expectStatus(res, 200);
    expect(res.body).toMatchObject({ imported_count: 0, total_rows: 0, errors: [] });
  });

  it.each([
    ["an empty file", "", 400, "empty_file"],
    ["blank lines only", "\n\n  \n", 400, "empty_file"],
    ["no email column", "phone,first_name\n+14155552671,A\n", 400, "missing_column"],
    ["an unknown column", "email,favourite_colour\nx@example.com,red\n", 400, "unknown_column"],
    ["a duplicated column", "email,Email\nx@example.com,y@example.com\n", 400, "bad_request"],
  ])("refuses %s and writes nothing", async (_label, csv, status, code) => {
    const tenant = await createTenant();
    expectError(await importCsv(tenant, csv), status, code);
    expect(await usersOf(tenant)).toEqual([]);
  });

  it("refuses a UTF-16 file", async () => {
    const tenant = await createTenant();
    const text = "email\r\nutf16@example.com\r\n";
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    expectError(await importFile(tenant, bytes, "users.csv"), 400, "invalid_body");
    expectError(await importFile(tenant, bytes.slice(2), "users.csv"), 400, "invalid_body");
    expect(await usersOf(tenant)).toEqual([]);
  });
});

describe("POST /v1/{app_id}/users/import limits", () => {
  it("refuses 10,001 rows before writing anything", async () => {
    const tenant = await createTenant();
    const rows = Array.from({ length: 10_001 }, (_, i) => `limit${i}@example.com`);
    expectError(await importCsv(tenant, `email\n${rows.join("\n")}\n`), 422, "too_many_rows");
    expectError(await importJson(tenant, { users: rows.map((email) => ({ email })) }), 422, "too_many_rows");
    expect(await usersOf(tenant)).toEqual([]);
    // Exactly 10,000 is allowed (blank lines do not count).
    const ok = await importCsv(tenant, `email\n${rows.slice(0, 10_000).join("\n")}\n\n`);
    expectStatus(ok, 200);
    expect(ok.body.imported_count).toBe(10_000);
  }, 120_000);

  it("refuses more than 10 MB, declared or streamed, before writing anything", async () => {
    const tenant = await createTenant();
    const big = `email,first_name\nfirst@example.com,A\n${"x@example.com,".padEnd(2000, "y").concat("\n").repeat(5300)}`;
    expect(big.length).toBeGreaterThan(10 * 1024 * 1024);
    expectError(await importCsv(tenant, big), 413, "payload_too_large");
    const declared = await call(POST, "POST", url(tenant), {
      params: { app_id: tenant.app.publicId },
      secret: tenant.appKey,
      body: "email\ndeclared@example.com\n",
      headers: { "content-type": "text/csv", "content-length": String(11 * 1024 * 1024) },
    });
    expectError(declared, 413, "payload_too_large");
    // No Content-Length: counted while streaming.
    const chunk = new TextEncoder().encode(`${"z".repeat(2047)}\n`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode("email\nstream@example.com\n"));
        if (sent++ > 6 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const req = new Request(`http://localhost:3999${url(tenant)}`, {
      method: "POST",
      headers: { authorization: `Bearer ${tenant.appKey}`, "content-type": "text/csv" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const res = await POST(req, { params: Promise.resolve({ app_id: tenant.app.publicId }) });
    expect(res.status).toBe(413);
    expect((await res.json()).error_code).toBe("payload_too_large");
    expect(sent).toBeLessThan(6 * 1024);
    expect(await usersOf(tenant)).toEqual([]);
  }, 60_000);
});

describe("POST /v1/{app_id}/users/import auth", () => {
  it("enforces the tenant rules and imports nothing", async () => {
    const body = { users: [{ email: "intruder@example.com" }] };
    expectError(await importJson(other, body, null), 401, "api_key_required");
    expectError(await importJson(other, body, await revokedKey(other)), 401, "invalid_api_key");
    expectError(await importJson(other, body, t.appKey), 403, "api_key_not_authorized");
    const leak = await importJson(other, body, t.workspaceKey);
    expectError(leak, 404, "app_not_found");
    expect(leak.text).not.toContain("intruder");
    expect(await userByEmail(other, "intruder@example.com")).toBeUndefined();
    expect(await userByEmail(t, "intruder@example.com")).toBeUndefined();
    // By internal id with the workspace key: allowed.
    const ok = await call(POST, "POST", url(t), { params: { app_id: t.app.id }, secret: t.workspaceKey, body: { users: [{ email: "wskey@example.com" }] } });
    expect(ok.body.imported_count).toBe(1);
  });
});
