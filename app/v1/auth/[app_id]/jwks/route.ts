import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { findLiveAppCached } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { getJwks } from "@/lib/signing-keys/get-jwks";
import { JWKS_MAX_AGE_SECONDS } from "@/lib/signing-keys/policy";
import { Jwks } from "@/lib/signing-keys/schemas";

const Params = z.object({ app_id: z.string() });

/** Does an If-None-Match header match `etag`? (weak comparison, RFC 9110 §13.1.2) */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  return ifNoneMatch.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

/** Also served at `/.well-known/jwks.json` (spec §24 C12), which re-exports this handler. */
export const GET = apiRoute(
  {
    auth: "none",
    summary: "JSON Web Key Set",
    description:
      "Public keys that may have signed this app's live tokens, including the pending and retiring keys of a rotation. Also served at /.well-known/jwks.json. Cacheable for 600 s; supports ETag/If-None-Match.",
    tags: ["Tokens"],
    params: Params,
    response: Jwks,
  },
  async ({ ctx, params, request }) => {
    const app = await findLiveAppCached(params.app_id);
    if (!app) throw new AppError("app_not_found");
    // The body is serialized once per key-set load: no JSON work, no DB statement here.
    const { body, etag } = await getJwks(app.id, { now: ctx.now });
    const headers = {
      "Cache-Control": `public, max-age=${JWKS_MAX_AGE_SECONDS}`,
      ETag: etag,
      "X-Content-Type-Options": "nosniff",
    };
    if (matches(request.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    return new Response(body, { status: 200, headers: { ...headers, "Content-Type": "application/json; charset=utf-8" } });
  },
);

export const OPTIONS = preflight;
