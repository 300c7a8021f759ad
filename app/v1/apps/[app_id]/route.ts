import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { getPublicApp } from "@/lib/apps/get-public-app";
import { PublicApp } from "@/lib/apps/schemas";

const Params = z.object({ app_id: z.string() });

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Public app configuration",
    description: "Called by every SDK client on construction; cached for 60 s. Ignores any Authorization header.",
    tags: ["Apps"],
    params: Params,
    response: PublicApp,
    headers: { "Cache-Control": "private, max-age=60" },
  },
  async ({ params }) => getPublicApp(params.app_id),
);

export const OPTIONS = preflight;
