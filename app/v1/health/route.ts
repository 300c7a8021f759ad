import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Liveness",
    description: "Answers without touching the database (for load balancers and process supervisors).",
    tags: ["Health"],
    response: z.object({ status: z.literal("ok") }),
  },
  async () => ({ status: "ok" }),
);

export const OPTIONS = preflight;
