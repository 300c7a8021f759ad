import { describe, expect, it } from "vitest";
import { twilioCompatibleProvider } from "@/lib/sms/provider";
import { codeSmsText } from "@/lib/sms/send-code-sms";

type Call = { url: string; init: RequestInit };

function stub(status: number, body: unknown): { calls: Call[]; fetch: (url: string, init: RequestInit) => Promise<Response> } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
    },
  };
}

const config = { accountSid: "AC123", authToken: "tok", from: "+15550001111" };
const message = { to: "+12025550123", body: "123456 is your code", idempotencyKey: "outbox-1" };

describe("twilioCompatibleProvider", () => {
  it("POSTs the Messages API form with basic auth and an idempotency token", async () => {
    const s = stub(201, { sid: "SM1" });
    const result = await twilioCompatibleProvider(config, s.fetch).send(message);
    expect(result).toEqual({ ok: true, providerMessageId: "SM1" });
    const [call] = s.calls;
    expect(call?.url).toBe("https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json");
    const headers = new Headers(call?.init.headers);
    expect(headers.get("authorization")).toBe(`Basic ${Buffer.from("AC123:tok").toString("base64")}`);
    expect(headers.get("i-twilio-idempotency-token")).toBe("outbox-1");
    expect(Object.fromEntries(new URLSearchParams(String(call?.init.body)))).toEqual({
      To: "+12025550123",
      Body: "123456 is your code",
      From: "+15550001111",
    });
    expect(call?.init.redirect).toBe("manual");
  });

  it("uses a messaging service and a compatible base URL when configured", async () => {
    const s = stub(200, { sid: "SM2" });
    await twilioCompatibleProvider({ ...config, from: "MG9", baseUrl: "https://sms.example.com/" }, s.fetch).send(message);
    expect(s.calls[0]?.url).toBe("https://sms.example.com/2010-04-01/Accounts/AC123/Messages.json");
    expect(new URLSearchParams(String(s.calls[0]?.init.body)).get("MessagingServiceSid")).toBe("MG9");
  });

  it("classifies failures as retryable or not, never keeping the provider's body", async () => {
    const refused = await twilioCompatibleProvider(config, stub(400, { message: "echo 123456" }).fetch).send(message);
    expect(refused).toEqual({ ok: false, retryable: false, error: "HTTP 400" });
    expect((await twilioCompatibleProvider(config, stub(429, {}).fetch).send(message)).ok).toBe(false);
    expect(await twilioCompatibleProvider(config, stub(503, {}).fetch).send(message)).toMatchObject({ retryable: true });
    const down = await twilioCompatibleProvider(config, async () => {
      throw new TypeError("fetch failed");
    }).send(message);
    expect(down).toEqual({ ok: false, retryable: true, error: "TypeError" });
  });
});

describe("codeSmsText", () => {
  it("names the app, the expiry and ends with the WebOTP line bound to the app's origin", () => {
    const text = codeSmsText({ app: { id: "a", workspaceId: "w", name: "Acme", origin: "https://app.acme.test" }, code: "042042", expiresInSeconds: 600 });
    expect(text.startsWith("042042 is your Acme sign-in code. It expires in 10 min.")).toBe(true);
    expect(text.split("\n").at(-1)).toBe("@app.acme.test #042042");
  });
});
