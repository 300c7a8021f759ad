import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppParams } from "@/lib/apps/schemas";
import { VerifiedResponse } from "@/lib/sessions/schemas";

export const POST = apiRoute(
  {
    auth: "user",
    summary: "Verify an access token",
    description: "Checks the signature, expiry and that the session is live (not revoked). 401 otherwise.",
    tags: ["Tokens"],
    params: AppParams,
    response: VerifiedResponse,
  },
  // The `user` credential kind has already verified the token and its session.
  async () => ({ message: "verified", verified: true }),
);

export const OPTIONS = preflight;
