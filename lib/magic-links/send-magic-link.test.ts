import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/context";
import { sendMagicLink } from "@/lib/magic-links/send-magic-link";
import { createTenant, type Tenant } from "@/test/harness";
import { latestLink, latestMessage, newEmail } from "@/app/v1/auth/[app_id]/magic_links/test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const ctx = (): Ctx => ({ requestId: "r", now: new Date(), ip: "192.0.2.1", userAgent: null, actor: { type: "anonymous" } });

describe("sendMagicLink", () => {
  it("landing: hosted points the link at the instance's hosted landing page", async () => {
    const email = newEmail();
    const { magicLinkId } = await sendMagicLink({ ctx: ctx(), input: { app: t.app, kind: "login", identifier: email, landing: "hosted", webauthnEnabled: true } });
    const { url } = await latestLink(t.app, email);
    expect(`${url.origin}${url.pathname}`).toBe(`http://localhost:3999/magic/${t.app.publicId}`);
    expect(url.searchParams.get("sct_sk")).toBeNull();
    expect(magicLinkId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("an explicit language picks the email's catalog", async () => {
    const email = newEmail();
    await sendMagicLink({ ctx: ctx(), input: { app: t.app, kind: "login", identifier: email, language: "es" } });
    expect((await latestMessage(t.app, email)).subject).toBe(`Tu enlace de acceso a ${t.app.name}`);
    expect((await latestMessage(t.app, email)).text).toContain("192.0.2.1");
  });
});
