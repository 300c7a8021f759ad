import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, apiKeys, memberships } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { sha256Hex } from "@/lib/crypto";
import { claimOwnershipWithBootstrapKey } from "@/lib/dashboard/member-session";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { dashboardToken } from "@/lib/dashboard/test-fixtures";
import { memberFromAccessToken } from "@/lib/dashboard/member-session";
import { isAppError } from "@/lib/errors";
import { bootstrapInstance } from "@/lib/instance/bootstrap";
import { createTenant, type Tenant } from "@/test/harness";

let bootKey: string;
let defaultWorkspaceId: string;
let other: Tenant;

beforeAll(async () => {
  const boot = await bootstrapInstance(await getDb());
  if (!boot) throw new Error("bootstrap did not run");
  bootKey = boot.workspaceApiKey;
  defaultWorkspaceId = boot.workspaceId;
  other = await createTenant();
});

const claim = (apiKey: string, email: string) =>
  claimOwnershipWithBootstrapKey({ ctx: systemCtx("test"), input: { apiKey, email, name: "Owner One" } }).catch((e: unknown) => e);
const codeOf = (e: unknown) => (isAppError(e) ? e.code : e);

describe("claimOwnershipWithBootstrapKey (no TESSERA_ADMIN_EMAIL)", () => {
  it("refuses other workspaces' keys, app keys, unknown keys and bad emails, creating nothing", async () => {
    expect(codeOf(await claim(other.workspaceKey, "x@example.com"))).toBe("forbidden");
    expect(codeOf(await claim(other.appKey, "x@example.com"))).toBe("forbidden");
    expect(codeOf(await claim("scwor_nottherealkeynottherealkeynottherealkey", "x@example.com"))).toBe("invalid_api_key");
    expect(codeOf(await claim(bootKey, "not-an-email"))).toBe("invalid_email");
    const db = await getDb();
    expect(await db.select().from(memberships)).toHaveLength(0);
  });

  it("lets the bootstrap key name the owner, who can then sign in; a second claim is 409", async () => {
    const result = await claim(bootKey, "First.Owner@Example.com");
    expect(result).toMatchObject({ workspaceId: defaultWorkspaceId });
    const app = await getDashboardApp();
    const db = await getDb();
    const users = await db.select().from(appUsers).where(eq(appUsers.appId, app.id));
    expect(users.map((u) => [u.email, u.status])).toEqual([["first.owner@example.com", "active"]]);

    const { token } = await dashboardToken("first.owner@example.com");
    const s = await memberFromAccessToken(token, new Date());
    expect(s.member).toMatchObject({ email: "first.owner@example.com", name: "Owner One" });
    expect(s.memberships).toEqual([expect.objectContaining({ workspaceId: defaultWorkspaceId, role: "owner" })]);

    expect(codeOf(await claim(bootKey, "second@example.com"))).toBe("owner_exists");
  });

  it("refuses a revoked bootstrap key", async () => {
    const db = await getDb();
    await db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.tokenHash, sha256Hex(bootKey)));
    expect(codeOf(await claim(bootKey, "late@example.com"))).toBe("invalid_api_key");
  });
});
