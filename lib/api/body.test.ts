import { describe, expect, it } from "vitest";
import { DEFAULT_BODY_LIMIT, parseQuery, readFields } from "@/lib/api/body";
import { AppError } from "@/lib/errors";

const URL_ = "http://localhost:3999/v1/things";
const bytes = (s: string) => new TextEncoder().encode(s);

/** A request whose body is raw bytes: unlike a string body, fetch adds no Content-Type of its own. */
function post(body: BodyInit | null, contentType?: string, url = URL_, extra: Record<string, string> = {}): Request {
  const headers = new Headers(extra);
  if (contentType !== undefined) headers.set("content-type", contentType);
  return new Request(url, { method: "POST", body, headers });
}

async function refusal(req: Request, limit?: number): Promise<{ code: string; status: number; message: string }> {
  try {
    await readFields(req, limit);
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, status: error.status, message: error.message };
    throw error;
  }
  throw new Error("readFields accepted the request");
}

function streamOf(chunks: number, chunkSize: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent++ >= chunks) controller.close();
      else controller.enqueue(new Uint8Array(chunkSize).fill(0x61));
    },
  });
}

describe("readFields: JSON", () => {
  it("parses a JSON object", async () => {
    const body = { email: "a@b.test", user_meta: { plan: "pro" }, n: 1, ok: true };
    expect(await readFields(post(bytes(JSON.stringify(body)), "application/json"))).toEqual(body);
  });

  it("treats no body, an empty body and zero-byte JSON as {}", async () => {
    expect(await readFields(new Request(URL_, { method: "POST" }))).toEqual({});
    expect(await readFields(post(new Uint8Array(), "application/json"))).toEqual({});
    expect(await readFields(post(bytes("   \n"), "application/json"))).toEqual({});
    // The SDK POSTs /tokens/refresh with no body and no Content-Type at all.
    expect(await readFields(post(null))).toEqual({});
    // Even an unsupported type is fine when there is nothing to read.
    expect(await readFields(post(new Uint8Array(), "text/plain"))).toEqual({});
  });

  it("reads a JSON body sent without Content-Type", async () => {
    const req = post(bytes('{"identifier":"a@b.test"}'));
    expect(req.headers.get("content-type")).toBeNull();
    expect(await readFields(req)).toEqual({ identifier: "a@b.test" });
  });

  it("accepts JSON media types case-insensitively, with parameters, and +json", async () => {
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.api+json"]) {
      expect(await readFields(post(bytes('{"a":1}'), type)), type).toEqual({ a: 1 });
    }
  });

  it("refuses JSON that is not an object with 400 invalid_json", async () => {
    for (const text of ["[1,2]", "null", '"text"', "42", "true"]) {
      const r = await refusal(post(bytes(text), "application/json"));
      expect(r, text).toMatchObject({ code: "invalid_json", status: 400, message: "The request body must be a JSON object" });
    }
    for (const text of ['{"a":1} trailing', "{bad", "a=1"]) {
      expect(await refusal(post(bytes(text), "application/json")), text).toMatchObject({ code: "invalid_json", status: 400 });
    }
  });

  it("refuses nesting 10,000 deep with 400 invalid_json, without crashing", async () => {
    const arrays = `{"a":${"[".repeat(10_000)}${"]".repeat(10_000)}}`;
    const objects = `${'{"a":'.repeat(10_000)}1${"}".repeat(10_000)}`;
    for (const text of [arrays, objects]) {
      const r = await refusal(post(bytes(text), "application/json"));
      expect(r).toMatchObject({ code: "invalid_json", status: 400 });
      expect(r.message).toMatch(/nested deeper than 32/);
    }
    const ok = `${'{"a":'.repeat(32)}1${"}".repeat(32)}`;
    await expect(readFields(post(bytes(ok), "application/json"))).resolves.toHaveProperty("a");
    const tooDeep = `${'{"a":'.repeat(33)}1${"}".repeat(33)}`;
    expect(await refusal(post(bytes(tooDeep), "application/json"))).toMatchObject({ code: "invalid_json" });
  });

  it("refuses invalid UTF-8 with 400 invalid_body", async () => {
    const r = await refusal(post(new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]), "application/json"));
    expect(r).toMatchObject({ code: "invalid_body", status: 400, message: "The request body is not valid UTF-8" });
  });

  it("never lets __proto__ or constructor keys reach Object.prototype", async () => {
    const probe = {} as Record<string, unknown>;
    const json = '{"__proto__":{"polluted":"json"},"constructor":{"prototype":{"polluted2":"json"}}}';
    const fromJson = await readFields(post(bytes(json), "application/json", `${URL_}?__proto__[polluted3]=q`));
    const form = "__proto__[polluted]=form&constructor[prototype][polluted2]=form&a[__proto__][polluted4]=form";
    const fromForm = await readFields(post(bytes(form), "application/x-www-form-urlencoded"));
    for (const key of ["polluted", "polluted2", "polluted3", "polluted4"]) {
      expect(probe[key], key).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty(key);
    }
    expect(Object.getPrototypeOf(fromJson)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(fromForm)).toBe(Object.prototype);
    expect((fromJson as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("readFields: forms", () => {
  const form =
    "identifier=a%40b.test&auth_provider[slug]=google&auth_provider[enabled]=true" +
    "&event_types[]=a&event_types[]=b&user_meta[plan]=pro";
  const expected = {
    identifier: "a@b.test",
    auth_provider: { slug: "google", enabled: "true" },
    event_types: ["a", "b"],
    user_meta: { plan: "pro" },
  };

  it("parses x-www-form-urlencoded with Rails bracket keys", async () => {
    expect(await readFields(post(bytes(form), "application/x-www-form-urlencoded"))).toEqual(expected);
    expect(await readFields(post(bytes(form), "application/x-www-form-urlencoded; charset=UTF-8"))).toEqual(expected);
  });

  it("parses multipart/form-data the same way, ignoring file parts", async () => {
    const data = new FormData();
    for (const [k, v] of new URLSearchParams(form)) data.append(k, v);
    data.append("logo", new Blob(["<svg/>"], { type: "image/svg+xml" }), "logo.svg");
    const req = new Request(URL_, { method: "POST", body: data });
    expect(req.headers.get("content-type")).toMatch(/^multipart\/form-data; boundary=/);
    expect(await readFields(req)).toEqual(expected);
  });

  it("refuses a multipart body it cannot parse with 400 invalid_body", async () => {
    for (const type of ["multipart/form-data; boundary=xyz", "multipart/form-data"]) {
      expect(await refusal(post(bytes("garbage"), type)), type).toMatchObject({ code: "invalid_body", status: 400 });
    }
  });

  it("keeps bracket nesting bounded (depth 5) instead of recursing without limit", async () => {
    const fields = await readFields(post(bytes(`a${"[b]".repeat(10_000)}=1`), "application/x-www-form-urlencoded"));
    let node: unknown = fields.a;
    let depth = 1;
    while (node && typeof node === "object" && "b" in node) {
      node = (node as { b: unknown }).b;
      depth++;
    }
    expect(depth).toBeLessThanOrEqual(6);
  });
});

describe("readFields: query, media types and limits", () => {
  it("merges the query string underneath the body, the body winning", async () => {
    const req = post(bytes('{"method":"sms","email":"a@b.test"}'), "application/json", `${URL_}?method=email&intent=login`);
    expect(await readFields(req)).toEqual({ method: "sms", email: "a@b.test", intent: "login" });
  });

  it("reads only the query on GET, with bracket keys", async () => {
    const req = new Request(`${URL_}?page=2&filter[status]=active&ids[]=1&ids[]=2`, { headers: { "content-type": "text/plain" } });
    expect(await readFields(req)).toEqual({ page: "2", filter: { status: "active" }, ids: ["1", "2"] });
    expect(parseQuery(new URL(`${URL_}?a=1&a=2`))).toEqual({ a: ["1", "2"] });
  });

  it("refuses text/plain and other media types with 415", async () => {
    for (const type of ["text/plain", "text/plain;charset=UTF-8", "application/xml", "application/octet-stream"]) {
      const r = await refusal(post(bytes('{"a":1}'), type));
      expect(r, type).toMatchObject({ code: "unsupported_media_type", status: 415 });
    }
    // What fetch() sends for a string body without an explicit type.
    const implicit = new Request(URL_, { method: "POST", body: '{"a":1}' });
    expect(await refusal(implicit)).toMatchObject({ status: 415 });
  });

  it("refuses a body over the limit with 413, by Content-Length or while streaming", async () => {
    // Declared too large: refused before reading.
    const declared = post(bytes("{}"), "application/json", URL_, { "content-length": String(DEFAULT_BODY_LIMIT + 1) });
    expect(await refusal(declared)).toMatchObject({ code: "payload_too_large", status: 413 });
    // No Content-Length (chunked): counted while streaming.
    const streamed = new Request(URL_, {
      method: "POST",
      body: streamOf(20, 1024),
      headers: { "content-type": "application/json" },
      duplex: "half",
    } as RequestInit);
    expect(streamed.headers.get("content-length")).toBeNull();
    expect(await refusal(streamed, 10 * 1024)).toMatchObject({ code: "payload_too_large", status: 413 });
    // A Content-Length that lies low does not help.
    const lying = post(bytes(`{"a":"${"x".repeat(200)}"}`), "application/json", URL_, { "content-length": "10" });
    expect(await refusal(lying, 100)).toMatchObject({ status: 413 });
    // Exactly at the limit is fine.
    const exact = `{"a":"${"x".repeat(92)}"}`;
    expect(exact.length).toBe(100);
    await expect(readFields(post(bytes(exact), "application/json"), 100)).resolves.toEqual({ a: "x".repeat(92) });
  });
});
