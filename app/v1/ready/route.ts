import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { checkDatabase } from "@/lib/instance/check-database";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Readiness",
    description: "200 when the database answers, 503 `service_unavailable` otherwise.",
    tags: ["Health"],
    response: z.object({ status: z.literal("ready"), database: z.enum(["postgres", "pglite"]) }),
  },
  async () => ({ status: "ready", database: await checkDatabase() }),
);

export const OPTIONS = preflight;
