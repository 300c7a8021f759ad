import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { M2mParams, M2mVerifyResponse } from "@/lib/m2m/schemas";

export const GET = apiRoute(
  {
    auth: "m2m",
    summary: "Verify an M2M token",
    description: "200 when the M2M access JWT or short token is live for this app; 401 otherwise (revocation is immediate).",
    tags: ["M2M"],
    params: M2mParams,
    response: M2mVerifyResponse,
  },
  async ({ principal }) => ({
    message: "verified" as const,
    verified: true as const,
    session_id: principal.session.id,
    client_name: principal.session.clientName,
  }),
);

export const OPTIONS = preflight;
