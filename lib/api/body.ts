/**
 * Request body reading (spec §1.4): JSON, multipart/form-data and
 * x-www-form-urlencoded (Rails bracket keys), empty bodies as `{}`, and the
 * query string merged underneath (the body wins). Bodies are counted while
 * streaming and refused past the route's limit, whatever Content-Length says.
 */
import qs from "qs";
import { AppError } from "@/lib/errors";

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const MAX_JSON_DEPTH = 32;
const QS_OPTIONS = { depth: 5, arrayLimit: 100, parameterLimit: 1000, allowPrototypes: false } as const;

export type Fields = Record<string, unknown>;

async function readLimited(req: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = req.headers.get("content-length");
  if (declared && Number(declared) > limit) throw new AppError("payload_too_large");
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw new AppError("payload_too_large");
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const c of chunks) {
    out.set(c, offset);
    offset += c.byteLength;
  }
  return out;
}

function depthOf(value: unknown): number {
  // Iterative walk: a hostile body must not overflow the stack.
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const item = stack.pop();
    if (!item) break;
    const [v, d] = item;
    if (v === null || typeof v !== "object") continue;
    if (d > max) max = d;
    if (max > MAX_JSON_DEPTH) return max;
    for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}

function parseJson(text: string): Fields {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError("invalid_json");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new AppError({ code: "invalid_json", message: "The request body must be a JSON object" });
  }
  if (depthOf(parsed) > MAX_JSON_DEPTH) {
    throw new AppError({ code: "invalid_json", message: `The request body is nested deeper than ${MAX_JSON_DEPTH} levels` });
  }
  return parsed as Fields;
}

export function parseQuery(url: URL): Fields {
  return qs.parse(url.search.slice(1), QS_OPTIONS) as Fields;
}

/** Read and parse the body of `req` into a plain object (query merged underneath). */
export async function readFields(req: Request, limit = DEFAULT_BODY_LIMIT): Promise<Fields> {
  const query = parseQuery(new URL(req.url));
  if (req.method === "GET" || req.method === "HEAD") return query;
  const bytes = await readLimited(req, limit);
  const contentType = (req.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError({ code: "invalid_body", message: "The request body is not valid UTF-8" });
  }
  if (text.trim() === "") return query;

  let body: Fields;
  if (contentType === "" || contentType === "application/json" || contentType.endsWith("+json")) {
    body = parseJson(text);
  } else if (contentType === "application/x-www-form-urlencoded") {
    body = qs.parse(text, QS_OPTIONS) as Fields;
  } else if (contentType === "multipart/form-data") {
    let form: FormData;
    try {
      form = await new Response(bytes, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
    } catch {
      throw new AppError({ code: "invalid_body", message: "The multipart body could not be parsed" });
    }
    const pairs = new URLSearchParams();
    for (const [key, value] of form.entries()) {
      if (typeof value === "string") pairs.append(key, value);
    }
    body = qs.parse(pairs.toString(), QS_OPTIONS) as Fields;
  } else {
    throw new AppError({
      code: "unsupported_media_type",
      message: "Send application/json, application/x-www-form-urlencoded or multipart/form-data",
    });
  }
  return { ...query, ...body };
}

/**
 * Refuse strings Postgres cannot store or that no client means to send: NUL
 * characters and lone UTF-16 surrogates, anywhere in path, query or body
 * (keys included). One check here instead of one per schema.
 */
export function assertStorableStrings(value: unknown, where: "path" | "query" | "body"): void {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const item = stack.pop();
    if (!item) break;
    const [v, at] = item;
    if (typeof v === "string") {
      if (v.includes("\u0000") || !v.isWellFormed()) {
        if (where === "path") throw new AppError("not_found");
        const field = at || where;
        throw new AppError({
          code: "bad_request",
          message: `Invalid request field ${field}: contains a NUL character or invalid Unicode`,
          errors: { [field]: ["must not contain NUL characters or invalid Unicode"] },
        });
      }
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const childAt = at ? `${at}.${k}` : k;
        stack.push([k, at || where], [child, childAt]);
      }
    }
  }
}
