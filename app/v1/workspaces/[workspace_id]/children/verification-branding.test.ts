/**
 * Issue 6 "done when": a child workspace created with the parent key sends a
 * verification branded with the child's name and colour.
 */
import { desc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { POST as createVerification } from "@/app/v1/verify/[app_id]/verifications/route";
import { getDb } from "@/db/client";
import { apps, outboxMessages } from "@/db/schema";
import { call, createTenant, expectStatus, type Tenant } from "@/test/harness";
import { POST as createChild } from "./route";

let parent: Tenant;

beforeAll(async () => {
  parent = await createTenant({ name: "Branding MSP" });
});

describe("child workspace verification branding", () => {
  it("the child's app key sends a verification email branded with the child's name and colour", async () => {
    const created = await call(createChild, "POST", `/v1/workspaces/${parent.workspace.id}/children`, {
      body: { name: "Northwind Clinic", branding_display_name: "Northwind Care", branding_color: "#C0FFEE" },
      secret: parent.workspaceKey,
      params: { workspace_id: parent.workspace.id },
    });
    expectStatus(created, 200);
    const { app_id: appId, api_key_token: token } = created.body;

    const res = await call(createVerification, "POST", `/v1/verify/${appId}/verifications`, {
      body: { identifier: "patient@example.com", channel: "email", reason: "Confirm appointment" },
      secret: token,
      params: { app_id: appId },
    });
    expectStatus(res, 200);

    const db = await getDb();
    const [app] = await db.select().from(apps).where(eq(apps.publicId, appId));
    if (!app) throw new Error("child app missing");
    const [message] = await db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.appId, app.id))
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1);
    expect(message?.to).toBe("patient@example.com");
    expect(message?.subject).toContain("Northwind Care");
    expect(message?.html ?? "").toContain("Northwind Care");
    expect((message?.html ?? "").toLowerCase()).toContain("#c0ffee");
    expect(message?.subject).not.toContain("Branding MSP");
  });
});
