import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createApp } from "@/lib/apps/create-app";
import type { AppRow } from "@/lib/apps/find-app";
import { brandingForApp } from "@/lib/child-workspaces/branding-for-app";
import { systemCtx } from "@/lib/context";
import { createTenant, type Tenant } from "@/test/harness";

let parent: Tenant;

async function appIn(workspaceId: string, extra: { colors?: string[]; logo?: string | null } = {}): Promise<AppRow> {
  const { app } = await createApp({
    ctx: systemCtx("test"),
    input: { workspaceId, settings: { name: "Own App Name", origin: "https://own.test", ...extra } },
  });
  return app;
}

async function brandChild(id: string, set: Partial<typeof workspaces.$inferInsert>): Promise<void> {
  await (await getDb()).update(workspaces).set(set).where(eq(workspaces.id, id));
}

beforeAll(async () => {
  parent = await createTenant({ name: "Branding parent" });
});

describe("brandingForApp", () => {
  it("an app of a top-level workspace keeps its own name, first colour and logo", async () => {
    const app = await appIn(parent.workspace.id, { colors: ["#101010", "#202020"], logo: "https://own.test/logo.png" });
    // Branding columns on a top-level workspace are not tenant branding.
    await brandChild(parent.workspace.id, { brandingDisplayName: "Ignored", brandingColor: "#ffffff" });
    expect(await brandingForApp(app)).toEqual({ name: "Own App Name", color: "#101010", logoUrl: "https://own.test/logo.png" });
    await brandChild(parent.workspace.id, { brandingDisplayName: null, brandingColor: null });
  });

  it("an app without colours or logo has nulls", async () => {
    const app = await appIn(parent.workspace.id);
    expect(await brandingForApp(app)).toEqual({ name: "Own App Name", color: null, logoUrl: null });
  });

  it("a child workspace's branding wins over the app's own", async () => {
    const child = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Child Name" });
    await brandChild(child.workspace.id, {
      brandingDisplayName: "Child Brand",
      brandingColor: "#00AA00",
      brandingLogoUrl: "https://child.test/logo.png",
    });
    const app = await appIn(child.workspace.id, { colors: ["#101010"], logo: "https://own.test/logo.png" });
    expect(await brandingForApp(app)).toEqual({ name: "Child Brand", color: "#00AA00", logoUrl: "https://child.test/logo.png" });
    // Inside a transaction too (the verifications sender passes its tx).
    const db = await getDb();
    expect(await db.transaction((tx) => brandingForApp(app, tx))).toEqual({
      name: "Child Brand",
      color: "#00AA00",
      logoUrl: "https://child.test/logo.png",
    });
  });

  it("a child without branding fields shows the child's name and the app's colour and logo", async () => {
    const child = await createTenant({ parentWorkspaceId: parent.workspace.id, name: "Plain Child" });
    const app = await appIn(child.workspace.id, { colors: ["#101010"], logo: "https://own.test/logo.png" });
    expect(await brandingForApp(app)).toEqual({ name: "Plain Child", color: "#101010", logoUrl: "https://own.test/logo.png" });
  });
});
