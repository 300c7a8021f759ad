import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { isAppError } from "@/lib/errors";
import { updateWorkspace } from "@/lib/workspaces/update-workspace";
import { createTenant, type Tenant } from "@/test/harness";

function keyCtx(t: Tenant): Ctx {
  return {
    requestId: "test",
    now: new Date(),
    ip: null,
    userAgent: null,
    actor: { type: "apiKey", keyId: "k", keyKind: "workspace", workspaceId: t.workspace.id, appId: null },
  };
}

describe("updateWorkspace", () => {
  it("gives one slug to exactly one of two concurrent requests; the loser writes nothing", async () => {
    const [a, b] = await Promise.all([createTenant(), createTenant()]);
    if (!a || !b) throw new Error("tenants missing");
    const results = await Promise.allSettled(
      [a, b].map((t) => updateWorkspace({ ctx: keyCtx(t), input: { idOrSlug: t.workspace.id, changes: { slug: "contested" } } })),
    );
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isAppError(lost[0]) && lost[0].code).toBe("slug_taken");
    const db = await getDb();
    const updates = await db.select().from(events).where(eq(events.slug, "workspace.updated"));
    expect(updates).toHaveLength(1);
  });

  it("refuses a reference that can be neither a uuid nor a slug before querying", async () => {
    const t = await createTenant();
    const error = await updateWorkspace({ ctx: keyCtx(t), input: { idOrSlug: "x\u0000y", changes: { name: "N" } } }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(error) && error.code).toBe("workspace_not_found");
  });
});
