import { loadScalarBundle } from "@/app/docs/scalar-bundle";
import { log } from "@/lib/log";

/** Scalar's browser bundle for /docs, from node_modules (never a CDN). */
export async function GET(request: Request): Promise<Response> {
  let bundle;
  try {
    bundle = await loadScalarBundle();
  } catch (error) {
    log.error("docs: Scalar bundle unreadable (is @scalar/api-reference installed?)", {
      err: error instanceof Error ? error : String(error),
    });
    return new Response("API reference bundle unavailable\n", {
      status: 503,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const etag = `"${bundle.version}"`;
  // Only the URL naming this exact content may be cached for good.
  const pinned = new URL(request.url).searchParams.get("v") === bundle.version;
  const headers = {
    "Cache-Control": pinned ? "public, max-age=31536000, immutable" : "public, max-age=300",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(bundle.body, { headers: { ...headers, "Content-Type": "text/javascript; charset=utf-8" } });
}
