import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { cancelChallenge } from "@/lib/challenges/cancel-challenge";
import { getChallengeStatus } from "@/lib/challenges/get-challenge-status";
import { ChallengeResponse, ChallengeTokenParams } from "@/lib/challenges/schemas";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Get a challenge's status",
    description: "The token is the credential. 404 `challenge_not_found` for unknown tokens and other apps' tokens.",
    tags: ["Challenges"],
    params: ChallengeTokenParams,
    response: ChallengeResponse,
  },
  async ({ ctx, params }) => getChallengeStatus({ ctx, input: { appId: params.app_id, token: params.token } }),
);

export const DELETE = apiRoute(
  {
    auth: "none",
    summary: "Cancel a challenge",
    description: "Soft cancel (status `cancelled`). Idempotent: a closed challenge answers its current state.",
    tags: ["Challenges"],
    params: ChallengeTokenParams,
    response: ChallengeResponse,
  },
  async ({ ctx, params }) => cancelChallenge({ ctx, input: { appId: params.app_id, token: params.token } }),
);

export const OPTIONS = preflight;
