/**
 * Real delivery through message service providers (spec §19), never leaving
 * loopback: a Twilio-compatible HTTP stub and an SMTP server (smtp-server),
 * both on 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { events, members, memberships, notifications, outboxMessages } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { sendCodeEmail } from "@/lib/email/send-code-email";
import { resetEnvForTests } from "@/lib/env";
import { upsertMessageProvider } from "@/lib/message-providers/save-message-provider";
import type { UpsertProviderInput } from "@/lib/message-providers/schemas";
import { sendPendingMessages } from "@/lib/messages/send-pending-messages";
import { sendCodeSms } from "@/lib/sms/send-code-sms";
import { createTenant, type Tenant } from "@/test/harness";

interface TwilioCall {
  path: string;
  authorization: string | undefined;
  idempotency: string | undefined;
  form: URLSearchParams;
}
interface Mail {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: string;
}

const SID = "AC0123456789abcdef0123456789abcdef";
const GOOD_TOKEN = "good-auth-token";
let twilio: Server;
let twilioUrl: string;
const twilioCalls: TwilioCall[] = [];
let smtp: SMTPServer;
let smtpPort: number;
const mails: Mail[] = [];

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = "";
    req.on("data", (c) => (data += c));
    req.on("end", () => resolve(data));
  });
}

let t: Tenant;
let memberId: string;
const ctxAt = () => ({ ...systemCtx("test"), now: new Date() });
const admin = () => ({ ...systemCtx("test"), actor: { type: "apiKey" as const, keyId: "k", keyKind: "workspace" as const, workspaceId: t.workspace.id, appId: null } });

async function provider(tenant: Tenant, body: Partial<UpsertProviderInput> & Pick<UpsertProviderInput, "provider_type" | "provider">) {
  return upsertMessageProvider({
    ctx: { ...admin(), actor: { ...admin().actor, workspaceId: tenant.workspace.id } },
    input: { appId: tenant.app.id, body: { ...body } as UpsertProviderInput },
  });
}
const smsCode = async (tenant: Tenant, to: string, code: string) =>
  (await getDb()).transaction((tx) => sendCodeSms(tx, ctxAt(), { app: tenant.app, to, code, expiresInSeconds: 600 }));
const emailCode = async (tenant: Tenant, to: string, code: string) =>
  (await getDb()).transaction((tx) => sendCodeEmail(tx, ctxAt(), { app: tenant.app, to, code, expiresInSeconds: 600 }));
const outboxTo = async (to: string) => (await (await getDb()).select().from(outboxMessages).where(eq(outboxMessages.to, to)))[0];

beforeAll(async () => {
  twilio = createServer(async (req, res) => {
    const form = new URLSearchParams(await readBody(req));
    twilioCalls.push({ path: req.url ?? "", authorization: req.headers.authorization, idempotency: req.headers["i-twilio-idempotency-token"] as string | undefined, form });
    const expected = `Basic ${Buffer.from(`${SID}:${GOOD_TOKEN}`).toString("base64")}`;
    res.setHeader("content-type", "application/json");
    if (req.headers.authorization !== expected) {
      res.statusCode = 401;
      res.end(JSON.stringify({ code: 20003, message: "Authenticate", body_echo: form.get("Body") }));
      return;
    }
    res.statusCode = 201;
    res.end(JSON.stringify({ sid: `SM${twilioCalls.length}`, status: "queued" }));
  });
  await new Promise<void>((r) => twilio.listen(0, "127.0.0.1", r));
  twilioUrl = `http://127.0.0.1:${(twilio.address() as AddressInfo).port}`;

  smtp = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === "mailer" && auth.password === "smtp-pass") cb(null, { user: "mailer" });
      else cb(new Error("Invalid username or password"));
    },
    onData(stream, session, cb) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString("utf8")));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === "string" ? session.user : undefined,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  process.env.TESSERA_SMS_TWILIO_BASE_URL = twilioUrl;
  process.env.TESSERA_SMTP_ALLOW_PRIVATE = "1";
  resetEnvForTests();

  t = await createTenant();
  const db = await getDb();
  const [m] = await db.insert(members).values({ email: `owner-${t.workspace.id}@x.test`, name: "Owner" }).returning();
  memberId = m!.id;
  await db.insert(memberships).values({ workspaceId: t.workspace.id, memberId, role: "owner", status: "active" });
});

afterEach(() => {
  for (const k of ["TESSERA_SMS_TWILIO_ACCOUNT_SID", "TESSERA_SMS_TWILIO_AUTH_TOKEN", "TESSERA_SMS_TWILIO_FROM", "TESSERA_SMTP_URL"]) delete process.env[k];
  resetEnvForTests();
});

afterAll(async () => {
  await new Promise((r) => twilio.close(r));
  await new Promise<void>((r) => smtp.close(() => r()));
  delete process.env.TESSERA_SMS_TWILIO_BASE_URL;
  delete process.env.TESSERA_SMTP_ALLOW_PRIVATE;
  resetEnvForTests();
});

describe("delivery through message service providers", () => {
  it("without any provider, codes go to the dev outbox (captured, never sent)", async () => {
    const other = await createTenant();
    await smsCode(other, "+15550009999", "111111");
    expect(await outboxTo("+15550009999")).toMatchObject({ status: "captured", provider: "outbox", code: "111111" });
    const before = twilioCalls.length;
    await sendPendingMessages();
    expect(twilioCalls.length).toBe(before);
  });

  it("SMS codes go through the app's default Twilio provider, with its credentials and sender", async () => {
    const p = await provider(t, { provider_type: "sms", provider: "twilio", from: "+15550001111", config: { account_sid: SID, auth_token: GOOD_TOKEN } });
    await smsCode(t, "+15550002222", "246810");
    const queued = await outboxTo("+15550002222");
    expect(queued).toMatchObject({ status: "pending", provider: `msp:${p.id}` });

    expect(await sendPendingMessages()).toMatchObject({ sent: 1, failed: 0 });
    const call = twilioCalls.at(-1)!;
    expect(call.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(call.authorization).toBe(`Basic ${Buffer.from(`${SID}:${GOOD_TOKEN}`).toString("base64")}`);
    expect(call.idempotency).toBe(queued!.id);
    expect(call.form.get("To")).toBe("+15550002222");
    expect(call.form.get("From")).toBe("+15550001111");
    expect(call.form.get("Body")).toContain("246810");
    // Delivered: the code is not kept.
    expect(await outboxTo("+15550002222")).toMatchObject({ status: "sent", code: null, text: null });
  });

  it("a provider answering 401 fails the message, records an event and raises one notification for the workspace", async () => {
    await provider(t, { provider_type: "sms", provider: "twilio", from: "+15550001111", config: { account_sid: SID, auth_token: "wrong-token" } });
    await smsCode(t, "+15550003333", "135790");
    expect(await sendPendingMessages()).toMatchObject({ failed: 1, retrying: 0 });
    const failed = await outboxTo("+15550003333");
    expect(failed).toMatchObject({ status: "failed", lastError: "HTTP 401", code: null, text: null });

    const db = await getDb();
    const evs = await db.select().from(events).where(and(eq(events.appId, t.app.id), eq(events.slug, "message.delivery_failed")));
    expect(evs).toHaveLength(1);
    expect(evs[0]?.params).toMatchObject({ message_id: failed!.id, channel: "sms", error: "HTTP 401", provider: "twilio" });
    expect(JSON.stringify(evs[0]?.params)).not.toContain("135790");
    expect(JSON.stringify(evs[0]?.params)).not.toContain("wrong-token");

    const inbox = await db.select().from(notifications).where(eq(notifications.memberId, memberId));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ workspaceId: t.workspace.id, appId: t.app.id, category: "delivery", priority: "high", title: "SMS delivery failing", readAt: null });
    expect(inbox[0]?.message).toContain("401");
    expect(inbox[0]?.message).not.toContain("135790");

    // The same condition again: another event, still one unread notification.
    await smsCode(t, "+15550003334", "864209");
    expect(await sendPendingMessages()).toMatchObject({ failed: 1 });
    expect(await db.select().from(events).where(and(eq(events.appId, t.app.id), eq(events.slug, "message.delivery_failed")))).toHaveLength(2);
    expect(await db.select().from(notifications).where(eq(notifications.memberId, memberId))).toHaveLength(1);
  });

  it("email codes go through the app's SMTP provider (authenticated), and a disabled provider falls back to the instance", async () => {
    const p = await provider(t, {
      provider_type: "email",
      provider: "smtp",
      from: "Acme <no-reply@acme.test>",
      config: { host: "127.0.0.1", port: smtpPort, require_tls: false, username: "mailer", password: "smtp-pass" },
    });
    await emailCode(t, "user@acme.test", "975310");
    expect(await outboxTo("user@acme.test")).toMatchObject({ status: "pending", provider: `msp:${p.id}` });
    expect(await sendPendingMessages()).toMatchObject({ sent: 1 });
    const mail = mails.at(-1)!;
    expect(mail).toMatchObject({ from: "no-reply@acme.test", to: ["user@acme.test"], user: "mailer" });
    expect(mail.raw).toContain("975310");

    // Disabled: the instance default (TESSERA_SMTP_URL, here the same loopback server) takes over.
    await provider(t, { provider_type: "email", provider: "smtp", enabled: false });
    process.env.TESSERA_SMTP_URL = `smtp://mailer:smtp-pass@127.0.0.1:${smtpPort}`;
    resetEnvForTests();
    await emailCode(t, "second@acme.test", "123987");
    expect(await outboxTo("second@acme.test")).toMatchObject({ status: "pending", provider: "smtp" });
    expect(await sendPendingMessages()).toMatchObject({ sent: 1 });
    expect(mails.at(-1)).toMatchObject({ to: ["second@acme.test"], user: "mailer" });
  });

  it("wrong SMTP credentials are a refusal: failed at once, event and notification", async () => {
    const other = await createTenant();
    await provider(other, {
      provider_type: "email",
      provider: "smtp",
      from: "no-reply@acme.test",
      config: { host: "127.0.0.1", port: smtpPort, require_tls: false, username: "mailer", password: "wrong" },
    });
    await emailCode(other, "nobody@acme.test", "555000");
    expect(await sendPendingMessages()).toMatchObject({ failed: 1 });
    expect(await outboxTo("nobody@acme.test")).toMatchObject({ status: "failed", lastError: expect.stringMatching(/^SMTP EAUTH/) });
    const evs = await (await getDb()).select().from(events).where(and(eq(events.appId, other.app.id), eq(events.slug, "message.delivery_failed")));
    expect(evs).toHaveLength(1);
  });

  it("an app's SMTP host on a private address is refused unless the instance allows it", async () => {
    const other = await createTenant();
    await provider(other, { provider_type: "email", provider: "smtp", from: "no-reply@acme.test", config: { host: "127.0.0.1", port: smtpPort, require_tls: false } });
    process.env.TESSERA_SMTP_ALLOW_PRIVATE = "0";
    resetEnvForTests();
    const before = mails.length;
    try {
      await emailCode(other, "blocked@acme.test", "000111");
      expect(await sendPendingMessages()).toMatchObject({ failed: 1 });
      expect(await outboxTo("blocked@acme.test")).toMatchObject({ status: "failed", lastError: expect.stringContaining("blocked") });
      expect(mails.length).toBe(before);
    } finally {
      process.env.TESSERA_SMTP_ALLOW_PRIVATE = "1";
      resetEnvForTests();
    }
  });

  it("the instance Twilio default from the environment delivers for apps without a provider", async () => {
    const other = await createTenant();
    process.env.TESSERA_SMS_TWILIO_ACCOUNT_SID = SID;
    process.env.TESSERA_SMS_TWILIO_AUTH_TOKEN = GOOD_TOKEN;
    process.env.TESSERA_SMS_TWILIO_FROM = "+15550004444";
    resetEnvForTests();
    await smsCode(other, "+15550005555", "424200");
    expect(await outboxTo("+15550005555")).toMatchObject({ status: "pending", provider: "twilio" });
    expect(await sendPendingMessages()).toMatchObject({ sent: 1 });
    expect(twilioCalls.at(-1)?.form.get("From")).toBe("+15550004444");
    expect(twilioCalls.at(-1)?.form.get("To")).toBe("+15550005555");
  });
});
