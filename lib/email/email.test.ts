import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { apps, outboxMessages } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { emailBrand } from "@/lib/email/branding";
import { sendCodeEmail } from "@/lib/email/send-code-email";
import { sendInviteEmail } from "@/lib/email/send-invite-email";
import { sendLoginLinkEmail } from "@/lib/email/send-login-link-email";
import { sendRegisterLinkEmail } from "@/lib/email/send-register-link-email";
import { createTenant, type Tenant } from "@/test/harness";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const ctx = (over: Partial<Ctx> = {}): Ctx => ({
  requestId: "req",
  now: new Date(),
  ip: "203.0.113.9",
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
  actor: { type: "anonymous" },
  ...over,
});

async function withApp(patch: Partial<AppRow>): Promise<AppRow> {
  const db = await getDb();
  const [row] = await db.update(apps).set(patch).where(eq(apps.id, t.app.id)).returning();
  if (!row) throw new Error("no app");
  return row;
}

async function lastMessage() {
  const db = await getDb();
  const rows = await db.select().from(outboxMessages).where(eq(outboxMessages.appId, t.app.id));
  const row = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))[0];
  if (!row) throw new Error("no message");
  return row;
}

describe("email senders", () => {
  it("renders the login link email with branding, expiry, device and a plain-text part", async () => {
    const app = await withApp({ name: "Acme <b>Rocket</b>", colors: ["#ff0000"], logo: "https://cdn.test/logo.png", defaultLanguage: "en" });
    const db = await getDb();
    const url = "https://app.test/login?x=1&sct_magic=abc.def.ghi";
    await db.transaction((tx) => sendLoginLinkEmail(tx, ctx({ now: new Date(Date.now() + 1) }), { app, to: "a@x.test", url, expiresInSeconds: 600 }));
    const m = await lastMessage();
    expect(m.template).toBe("magic_link_login");
    expect(m.to).toBe("a@x.test");
    expect(m.subject).toBe("Your sign-in link for Acme <b>Rocket</b>");
    expect(m.links).toEqual([url]);
    expect(m.status).toBe("captured");
    expect(m.html).toContain("#ff0000");
    expect(m.html).toContain("https://cdn.test/logo.png");
    expect(m.html).toContain("Acme &lt;b&gt;Rocket&lt;/b&gt;");
    expect(m.html).not.toContain("<b>Rocket</b>");
    expect(m.html).toContain(url.replace(/&/g, "&amp;"));
    expect(m.text).toContain(url);
    expect(m.text).toContain("10 minutes");
    expect(m.text).toContain("Chrome on macOS");
    expect(m.text).toContain("203.0.113.9");
    expect(m.text).not.toMatch(/<(html|a|p|table|div)\b/i);
  });

  it("speaks the app's default language (Spanish) for register, invite and code emails", async () => {
    const app = await withApp({ name: "Acme", defaultLanguage: "es", logo: null, colors: [] });
    const db = await getDb();
    const url = "https://app.test/?sct_magic=t";
    await db.transaction((tx) => sendRegisterLinkEmail(tx, ctx({ now: new Date(Date.now() + 2) }), { app, to: "b@x.test", url, expiresInSeconds: 60 }));
    let m = await lastMessage();
    expect(m.subject).toBe("Confirma tu correo para Acme");
    expect(m.text).toContain("1 minuto ");
    expect(m.html).toContain('lang="es"');

    await db.transaction((tx) => sendInviteEmail(tx, ctx({ now: new Date(Date.now() + 3) }), { app, to: "c@x.test", url, expiresInSeconds: 7200 }));
    m = await lastMessage();
    expect(m.template).toBe("user_invite");
    expect(m.subject).toBe("Te han invitado a Acme");
    expect(m.text).not.toContain("203.0.113.9");

    await db.transaction((tx) =>
      sendCodeEmail(tx, ctx({ now: new Date(Date.now() + 4) }), { app, to: "d@x.test", code: "042917", expiresInSeconds: 600 }),
    );
    m = await lastMessage();
    expect(m.template).toBe("otp_code");
    expect(m.code).toBe("042917");
    expect(m.subject).toBe("Tu código de acceso a Acme");
    expect(m.text).toContain("042917");
    expect(m.text).toContain("10 minutos");
  });

  it("an explicit language wins over the app default; unknown languages fall back", async () => {
    const app = await withApp({ defaultLanguage: "fr" });
    const db = await getDb();
    await db.transaction((tx) =>
      sendCodeEmail(tx, ctx({ now: new Date(Date.now() + 5) }), { app, to: "e@x.test", code: "111111", expiresInSeconds: 60, acceptLanguage: "es-MX,en;q=0.5" }),
    );
    expect((await lastMessage()).subject).toBe("Tu código de acceso a Acme");
    await db.transaction((tx) =>
      sendCodeEmail(tx, ctx({ now: new Date(Date.now() + 6) }), { app, to: "e@x.test", code: "222222", expiresInSeconds: 60, language: "en" }),
    );
    expect((await lastMessage()).subject).toBe("Your sign-in code for Acme");
  });

  it("a rolled-back transaction leaves no message", async () => {
    const db = await getDb();
    const before = (await db.select().from(outboxMessages).where(eq(outboxMessages.appId, t.app.id))).length;
    await expect(
      db.transaction(async (tx) => {
        await sendCodeEmail(tx, ctx(), { app: t.app, to: "f@x.test", code: "333333", expiresInSeconds: 60 });
        throw new Error("rollback");
      }),
    ).rejects.toThrow("rollback");
    expect((await db.select().from(outboxMessages).where(eq(outboxMessages.appId, t.app.id))).length).toBe(before);
  });
});

describe("emailBrand", () => {
  it("uses the first valid colour, https logos only, and a default colour", () => {
    expect(emailBrand({ name: "A", logo: "http://x.test/l.png", colors: ["bad", "#00ff00"] })).toEqual({ appName: "A", logoUrl: null, color: "#00ff00" });
    expect(emailBrand({ name: "A", logo: null, colors: [] }).color).toBe("#111827");
  });
});
