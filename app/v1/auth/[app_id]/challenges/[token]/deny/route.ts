import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { denyChallenge } from "@/lib/challenges/deny-challenge";
import { ChallengeDenyBody, ChallengeResponse, ChallengeTokenParams } from "@/lib/challenges/schemas";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Deny a challenge",
    description: "Sets status `denied` (optional `reason`) and records `challenge.denied` for the app's webhooks.",
    tags: ["Challenges"],
    params: ChallengeTokenParams,
    body: ChallengeDenyBody,
    response: ChallengeResponse,
  },
  async ({ ctx, params, body }) => denyChallenge({ ctx, input: { appId: params.app_id, token: params.token, reason: body.reason } }),
);

export const OPTIONS = preflight;
