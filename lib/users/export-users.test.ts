import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, baseUsers } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { EXPORT_PAGE_SIZE, exportUsers, neutraliseCell } from "@/lib/users/export-users";
import { createTenant, type Tenant } from "@/test/harness";

describe("neutraliseCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+14155552671", "'+14155552671"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tx", "'\tx"],
    ["\rx", "'\rx"],
    ["a=b", "a=b"],
    ["", ""],
    ["'already", "'already"],
  ])("%j → %j", (input, output) => expect(neutraliseCell(input)).toBe(output));
});

describe("exportUsers", () => {
  let t: Tenant;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await createTenant();
    ctx = { requestId: "test", now: new Date(), ip: null, userAgent: null, actor: { type: "apiKey", keyId: "k", keyKind: "app", workspaceId: t.workspace.id, appId: t.app.id } };
    const db = await getDb();
    // Users sharing one created_at: the keyset must still visit each exactly once.
    const createdAt = new Date("2024-01-01T00:00:00.123Z");
    const n = EXPORT_PAGE_SIZE * 2 + 7;
    const bases = await db
      .insert(baseUsers)
      .values(Array.from({ length: n }, (_, i) => ({ workspaceId: t.workspace.id, email: `k${i}@example.com` })))
      .returning({ id: baseUsers.id, email: baseUsers.email });
    await db.insert(appUsers).values(bases.map((b) => ({ appId: t.app.id, baseUserId: b.id, email: b.email, status: "active" as const, createdAt, updatedAt: createdAt })));
  });

  it("streams page by page (one chunk per page), each user once, even with equal created_at", async () => {
    const file = await exportUsers({ ctx, input: { appId: t.app.publicId, format: "csv" } });
    const reader = file.body.getReader();
    const chunks: string[] = [];
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(decoder.decode(value));
    }
    // Header, then three pages.
    expect(chunks).toHaveLength(4);
    const emails = chunks.slice(1).join("").trim().split("\n").map((l) => l.split(",")[1]);
    expect(emails).toHaveLength(EXPORT_PAGE_SIZE * 2 + 7);
    expect(new Set(emails).size).toBe(emails.length);
    const count = await (await getDb()).$count(appUsers, eq(appUsers.appId, t.app.id));
    expect(emails.length).toBe(count);
  });

  it("checks the tenant before streaming", async () => {
    const other = await createTenant();
    await expect(exportUsers({ ctx, input: { appId: other.app.publicId, format: "json" } })).rejects.toMatchObject({ code: "api_key_not_authorized" });
  });
});
