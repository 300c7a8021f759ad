/**
 * The dashboard sign-in exchange (next-auth's authorize): the hosted flow's
 * one-time token becomes a member sign-in, once; strangers are refused and
 * the session the exchange opened for them is closed again.
 */
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { memberships, sessions } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { exchangeHandoffToken, getAuthOptions, SESSION_MAX_AGE_SECONDS } from "@/lib/dashboard-auth/auth-options";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { ensureMemberAppUser } from "@/lib/dashboard/member-app-user";
import { findOrCreateMember } from "@/lib/dashboard/members";
import { mintOAuthToken } from "@/lib/hosted/handoff";
import { createTenant } from "@/test/harness";

let app: AppRow;

async function handoffToken(email: string): Promise<{ token: string; userId: string }> {
  const ctx = systemCtx("test");
  const user = await ensureMemberAppUser(await getDb(), ctx, app, email);
  if (!user) throw new Error("no dashboard user");
  return { token: await mintOAuthToken(ctx, { app, user, ttlSeconds: 120 }), userId: user.id };
}

async function liveSessions(userId: string): Promise<number> {
  const rows = await (await getDb())
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.appUserId, userId), isNull(sessions.revokedAt)));
  return rows.length;
}

beforeAll(async () => {
  app = await getDashboardApp();
});

describe("dashboard sign-in exchange", () => {
  it("signs a member in once with the hosted handoff token", async () => {
    const { workspace } = await createTenant();
    const ctx = systemCtx("test");
    const member = await findOrCreateMember(await getDb(), ctx, { email: "Owner@Example.com", name: "Olive" });
    await (await getDb()).insert(memberships).values({ workspaceId: workspace.id, memberId: member.id, role: "owner", status: "active" });

    const { token, userId } = await handoffToken("owner@example.com");
    const user = await exchangeHandoffToken(token);
    expect(user).toMatchObject({ id: member.id, email: "owner@example.com", name: "Olive" });
    expect(user.access.split(".")).toHaveLength(3);
    expect(await liveSessions(userId)).toBe(1);

    // Single use: the same token cannot sign in twice.
    await expect(exchangeHandoffToken(token)).rejects.toThrow("link_invalid");
  });

  it("refuses someone who is not a member and closes the session it opened", async () => {
    const { token, userId } = await handoffToken("stranger@example.com");
    await expect(exchangeHandoffToken(token)).rejects.toThrow("not_a_member");
    expect(await liveSessions(userId)).toBe(0);
  });

  it("refuses a forged or garbled token without saying more", async () => {
    await expect(exchangeHandoffToken("not-a-jwt")).rejects.toThrow("link_invalid");
    await expect(exchangeHandoffToken("a.b.c")).rejects.toThrow("link_invalid");
  });
});

describe("next-auth options", () => {
  it("use a derived secret, a short JWT session and an httpOnly lax cookie", () => {
    const options = getAuthOptions();
    expect(options.secret).toBeTruthy();
    expect(options.secret).not.toContain(process.env.TESSERA_SECRET ?? "-");
    expect(options.session).toMatchObject({ strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS });
    expect(SESSION_MAX_AGE_SECONDS).toBeLessThanOrEqual(12 * 3600);
    expect(options.cookies?.sessionToken?.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: false });
  });

  it("keep the access token out of what the browser sees", async () => {
    const session = await getAuthOptions().callbacks?.session?.({
      session: { expires: "2030-01-01T00:00:00.000Z" },
      token: { email: "a@example.com", name: null, memberId: "m", access: "secret.jwt.value" },
      user: undefined as never,
      newSession: undefined,
      trigger: "update",
    });
    expect(JSON.stringify(session)).not.toContain("secret.jwt.value");
    expect(session).toMatchObject({ user: { email: "a@example.com" } });
  });

  it("only redirect within the instance's origin", async () => {
    const redirect = getAuthOptions().callbacks?.redirect;
    const baseUrl = "http://localhost:3999";
    expect(await redirect?.({ url: "/dashboard/apps", baseUrl })).toBe(`${baseUrl}/dashboard/apps`);
    expect(await redirect?.({ url: "https://evil.example/x", baseUrl })).toBe(`${baseUrl}/dashboard`);
    expect(await redirect?.({ url: `${baseUrl}/dashboard/api-keys`, baseUrl })).toBe(`${baseUrl}/dashboard/api-keys`);
  });
});
