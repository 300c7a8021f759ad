import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import { escapeLike, fuzzyClause, searchTerm, substringClause } from "@/lib/users/admin-list-users";
import { isIsoDateTime } from "@/lib/users/admin-schemas";
import { splitName } from "@/lib/users/admin-update-user";

describe("search helpers", () => {
  it("escapes LIKE wildcards and the escape character", () => {
    expect(escapeLike("100%_a\\b")).toBe("100\\%\\_a\\\\b");
    expect(escapeLike("plain")).toBe("plain");
  });

  it("normalises search terms", () => {
    expect(searchTerm("  Jon   SMITH ")).toBe("jon smith");
    expect(searchTerm("   ")).toBeNull();
    expect(searchTerm(undefined)).toBeNull();
  });

  it("uses the trigram index for both branches of a search (with sequential scans off)", async () => {
    const db = await getDb();
    for (const match of [fuzzyClause("smtih").match, fuzzyClause("jon").match, substringClause("smith")]) {
      const plan = await db.transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local plan_cache_mode = force_custom_plan`);
        const rows = await tx.execute(sql`explain select id from ${appUsers} where ${match}`);
        const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
        return list.map((r) => Object.values(r as Record<string, unknown>)[0]).join("\n");
      });
      expect(plan, plan).toContain("app_users_search_trgm_idx");
    }
  });
});

describe("isIsoDateTime", () => {
  it.each(["2024-02-29", "2024-01-01T10:00:00Z", "2024-01-01T10:00:00.123+02:00", "2024-01-01T10:00"])("accepts %s", (s) => {
    expect(isIsoDateTime(s)).toBe(true);
  });
  it.each(["not-a-date", "2024-13-01", "2024-02-30", "2023-02-29", "2024-01-01T25:00:00Z", "20240101", ""])("refuses %s", (s) => {
    expect(isIsoDateTime(s)).toBe(false);
  });
});

describe("splitName", () => {
  it("takes the first word as first name and the rest as last name", () => {
    expect(splitName("Grace Brewster Hopper")).toEqual({ firstName: "Grace", middleName: null, lastName: "Brewster Hopper" });
    expect(splitName("Cher")).toEqual({ firstName: "Cher", middleName: null, lastName: null });
    expect(splitName(null)).toEqual({ firstName: null, middleName: null, lastName: null });
  });
});
