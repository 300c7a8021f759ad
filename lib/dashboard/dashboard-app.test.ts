import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apps, appUsers, instanceState, workspaces } from "@/db/schema";
import { ensureDashboardApp, getDashboardApp, resetDashboardAppCache } from "@/lib/dashboard/dashboard-app";
import { resetEnvForTests } from "@/lib/env";

const ADMIN = "Owner@Example.com";

beforeAll(() => {
  process.env.TESSERA_ADMIN_EMAIL = ADMIN;
  resetEnvForTests();
});
afterAll(() => {
  delete process.env.TESSERA_ADMIN_EMAIL;
  resetEnvForTests();
});

describe("ensureDashboardApp", () => {
  it("creates exactly one app when several instances start at once, and is idempotent", async () => {
    const results = await Promise.all([ensureDashboardApp(), ensureDashboardApp(), ensureDashboardApp()]);
    const ids = new Set(results.map((a) => a.id));
    expect(ids.size).toBe(1);
    const again = await ensureDashboardApp();
    expect(again.id).toBe(results[0]?.id);

    const db = await getDb();
    const dashboardApps = await db.select().from(apps).where(eq(apps.name, "Tessera"));
    expect(dashboardApps).toHaveLength(1);
    const internal = await db.select().from(workspaces).where(eq(workspaces.name, "Tessera dashboard"));
    expect(internal).toHaveLength(1);
    const [state] = await db.select().from(instanceState).where(eq(instanceState.key, "dashboard_app"));
    expect(state?.value).toEqual({ workspace_id: internal[0]?.id, app_id: again.id });
  });

  it("configures the app for the dashboard: closed sign-up, passkeys, magic links, URLs on the base URL", async () => {
    const app = await ensureDashboardApp();
    expect(app).toMatchObject({
      name: "Tessera",
      origin: "http://localhost:3999",
      callbackUrl: "http://localhost:3999/dashboard/auth/callback",
      loginUrl: "http://localhost:3999/dashboard/sign-in",
      publicSignup: false,
      passkeysEnabled: true,
      emailAuthType: "magic",
    });
  });

  it("gives the admin email an active user of the dashboard app (sign-up there is closed)", async () => {
    const app = await ensureDashboardApp();
    const db = await getDb();
    const users = await db.select().from(appUsers).where(eq(appUsers.appId, app.id));
    expect(users.map((u) => [u.email, u.status])).toEqual([["owner@example.com", "active"]]);
  });

  it("getDashboardApp caches, and recreates the app when it was deleted", async () => {
    resetDashboardAppCache();
    const first = await getDashboardApp();
    expect((await getDashboardApp()).id).toBe(first.id);
    const db = await getDb();
    await db.update(apps).set({ deletedAt: new Date() }).where(eq(apps.id, first.id));
    resetDashboardAppCache();
    const second = await getDashboardApp();
    expect(second.id).not.toBe(first.id);
    expect(second.workspaceId).toBe(first.workspaceId);
    expect((await ensureDashboardApp()).id).toBe(second.id);
  });

  it("takes over a claim abandoned by a crashed instance", async () => {
    const db = await getDb();
    await db
      .update(instanceState)
      .set({ value: { claim: "dead", claimed_at: new Date(Date.now() - 10 * 60_000).toISOString() } })
      .where(eq(instanceState.key, "dashboard_app"));
    resetDashboardAppCache();
    const app = await ensureDashboardApp();
    const [state] = await db.select().from(instanceState).where(eq(instanceState.key, "dashboard_app"));
    expect(state?.value.app_id).toBe(app.id);
  });
});
