import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { assertSmsCountryAllowed, phoneInCountries, smsCountriesForApp } from "@/lib/child-workspaces/sms-countries";
import { createTenant, type Tenant } from "@/test/harness";

let parent: Tenant;
let child: Tenant;

beforeAll(async () => {
  parent = await createTenant({ name: "SMS parent" });
  child = await createTenant({ name: "SMS child", parentWorkspaceId: parent.workspace.id });
});

describe("phoneInCountries", () => {
  it("matches the number's country against the list; null allows all", () => {
    expect(phoneInCountries("+14155550123", ["us", "ca"])).toBe(true);
    expect(phoneInCountries("+442071838750", ["us", "ca"])).toBe(false);
    expect(phoneInCountries("+442071838750", null)).toBe(true);
    expect(phoneInCountries("not a phone", ["us"])).toBe(false);
  });
});

describe("smsCountriesForApp / assertSmsCountryAllowed", () => {
  it("a child's countries limit its apps; a top-level workspace's never do", async () => {
    const db = await getDb();
    await db.update(workspaces).set({ countries: ["us"] }).where(eq(workspaces.id, child.workspace.id));
    await db.update(workspaces).set({ countries: ["us"] }).where(eq(workspaces.id, parent.workspace.id));
    expect(await smsCountriesForApp(child.app)).toEqual(["us"]);
    expect(await smsCountriesForApp(parent.app)).toBeNull();
    await expect(assertSmsCountryAllowed(child.app, "+14155550123")).resolves.toBeUndefined();
    await expect(assertSmsCountryAllowed(child.app, "+442071838750")).rejects.toMatchObject({
      code: "sms_country_not_allowed",
      status: 422,
    });
    await expect(assertSmsCountryAllowed(parent.app, "+442071838750")).resolves.toBeUndefined();
  });

  it("an empty or missing list is unrestricted", async () => {
    const db = await getDb();
    await db.update(workspaces).set({ countries: [] }).where(eq(workspaces.id, child.workspace.id));
    expect(await smsCountriesForApp(child.app)).toBeNull();
    await db.update(workspaces).set({ countries: null }).where(eq(workspaces.id, child.workspace.id));
    expect(await smsCountriesForApp(child.app)).toBeNull();
  });
});
