import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { outboxMessages } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { resetEnvForTests } from "@/lib/env";
import type { EmailTransport, TransportEmail, TransportResult } from "@/lib/messages/email-transport";
import { queueMessage } from "@/lib/messages/queue-message";
import { sendPendingEmails } from "@/lib/messages/send-pending-emails";
import { createTenant, type Tenant } from "@/test/harness";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});
afterEach(() => {
  delete process.env.RESEND_API_KEY;
  resetEnvForTests();
});

/** Queue an email with a provider configured, so the row is `pending`. */
async function queuePending(to: string, at = new Date()) {
  process.env.RESEND_API_KEY = "re_test_key";
  resetEnvForTests();
  const row = await queueMessage(await getDb(), { ...systemCtx("test"), now: at }, {
    appId: t.app.id,
    workspaceId: t.workspace.id,
    channel: "email",
    template: "magic_link_login",
    to,
    subject: "Sign in",
    text: "https://app.test/?sct_magic=secret",
    html: "<p>https://app.test/?sct_magic=secret</p>",
    links: ["https://app.test/?sct_magic=secret"],
  });
  delete process.env.RESEND_API_KEY;
  resetEnvForTests();
  return row;
}

/** A stub provider answering from a script, recording every call. */
function stub(script: TransportResult[]): EmailTransport & { calls: TransportEmail[] } {
  const calls: TransportEmail[] = [];
  const fn = async (email: TransportEmail) => {
    calls.push(email);
    return script.shift() ?? { ok: true, providerId: "re_1" };
  };
  return Object.assign(fn, { calls });
}

const row = async (id: string) => (await (await getDb()).select().from(outboxMessages).where(eq(outboxMessages.id, id)))[0];
const transient: TransportResult = { ok: false, permanent: false, error: "internal_server_error: boom" };
const later = (base: Date, seconds: number) => new Date(base.getTime() + seconds * 1000);

describe("sendPendingEmails", () => {
  it("queues as pending with a provider; retries transient errors with back-off, one idempotency key, then sends and clears the body", async () => {
    const base = new Date(Date.now() + 1000);
    const queued = await queuePending("r6@x.test", base);
    expect(queued).toMatchObject({ status: "pending", provider: "resend", attempts: 0 });
    const transport = stub([transient, transient]);
    const run = (s: number) => sendPendingEmails({ now: later(base, s), transport, from: "Tessera <no-reply@x.test>" });

    expect(await run(1)).toMatchObject({ retrying: 1, sent: 0 });
    expect(await row(queued.id)).toMatchObject({ status: "pending", attempts: 1, lastError: "internal_server_error: boom" });
    expect(await run(10)).toMatchObject({ retrying: 0, sent: 0 }); // backing off (30 s)
    expect(await run(32)).toMatchObject({ retrying: 1 });
    expect(await run(70)).toMatchObject({ retrying: 0, sent: 0 }); // 60 s after the second try
    expect(await run(93)).toMatchObject({ sent: 1 });

    expect(transport.calls.map((c) => c.id)).toEqual([queued.id, queued.id, queued.id]);
    expect(transport.calls[0]).toMatchObject({ to: "r6@x.test", from: "Tessera <no-reply@x.test>", subject: "Sign in" });
    const sent = await row(queued.id);
    expect(sent).toMatchObject({ status: "sent", attempts: 3, lastError: null, text: null, html: null, links: [], code: null });
    expect(sent?.sentAt).toBeTruthy();
    expect(await run(2000)).toMatchObject({ sent: 0, retrying: 0, failed: 0 });
  });

  it("a permanent rejection fails at once; too many transient errors fail too", async () => {
    const base = new Date(Date.now() + 2000);
    const bad = await queuePending("bad@x.test", base);
    let transport = stub([{ ok: false, permanent: true, error: "validation_error: bad recipient" }]);
    expect(await sendPendingEmails({ now: later(base, 1), transport })).toMatchObject({ failed: 1 });
    expect(await row(bad.id)).toMatchObject({ status: "failed", attempts: 1, lastError: "validation_error: bad recipient", text: null });

    const flaky = await queuePending("flaky@x.test", later(base, 2));
    transport = stub([transient, transient]);
    expect(await sendPendingEmails({ now: later(base, 3), transport, maxAttempts: 2 })).toMatchObject({ retrying: 1 });
    expect(await sendPendingEmails({ now: later(base, 40), transport, maxAttempts: 2 })).toMatchObject({ failed: 1 });
    expect(await row(flaky.id)).toMatchObject({ status: "failed", attempts: 2 });
  });

  it("messages older than their useful life are failed unsent", async () => {
    const base = new Date(Date.now() + 3000);
    const old = await queuePending("old@x.test", base);
    const transport = stub([]);
    expect(await sendPendingEmails({ now: later(base, 7200), transport, maxAgeSeconds: 3600 })).toMatchObject({ expired: 1, sent: 0 });
    expect(transport.calls).toHaveLength(0);
    expect(await row(old.id)).toMatchObject({ status: "failed", lastError: "expired before delivery", links: [] });
  });

  it("parallel senders never hand one message to the provider twice", async () => {
    const base = new Date(Date.now() + 4000);
    const rows = [];
    for (let i = 0; i < 8; i++) rows.push(await queuePending(`p${i}@x.test`, later(base, i / 1000)));
    const calls: string[] = [];
    const slow: EmailTransport = async (email) => {
      calls.push(email.id);
      await new Promise((r) => setTimeout(r, 20));
      return { ok: true, providerId: null };
    };
    const results = await Promise.all(Array.from({ length: 4 }, () => sendPendingEmails({ now: later(base, 1), transport: slow, batchSize: 3 })));
    const total = results.reduce((n, r) => n + r.sent, 0);
    expect(new Set(calls).size).toBe(calls.length);
    expect(total).toBe(calls.length);
    // Whatever a run did not reach is still pending for the next one.
    await sendPendingEmails({ now: later(base, 2), transport: slow, batchSize: 20 });
    for (const r of rows) expect((await row(r.id))?.status).toBe("sent");
    expect(new Set(calls).size).toBe(8);
    expect(calls).toHaveLength(8);
  });

  it("does nothing without a provider or a transport", async () => {
    expect(await sendPendingEmails()).toEqual({ sent: 0, retrying: 0, failed: 0, expired: 0 });
  });
});
