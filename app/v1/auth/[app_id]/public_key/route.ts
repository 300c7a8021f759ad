import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { findLiveAppCached } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { getPublicKey } from "@/lib/signing-keys/get-public-key";
import { PublicKey } from "@/lib/signing-keys/schemas";

const Params = z.object({ app_id: z.string() });

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Current public signing key",
    description: "SPKI PEM and key id of the key the app signs with now. Prefer the JWKS, which also lists rotation keys.",
    tags: ["Tokens"],
    params: Params,
    response: PublicKey,
    // Short: this document changes when a rotation completes.
    headers: { "Cache-Control": "public, max-age=60" },
  },
  async ({ ctx, params }) => {
    const app = await findLiveAppCached(params.app_id);
    if (!app) throw new AppError("app_not_found");
    return getPublicKey(app.id, { now: ctx.now });
  },
);

export const OPTIONS = preflight;
