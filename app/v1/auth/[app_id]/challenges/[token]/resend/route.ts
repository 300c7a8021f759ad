import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { resendChallenge } from "@/lib/challenges/resend-challenge";
import { ChallengeResponse, ChallengeTokenParams } from "@/lib/challenges/schemas";

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Resend a challenge",
    description:
      "Email and SMS codes only (else 422 `not_resendable`): cancels this challenge and sends a new one with the same " +
      "parameters and a new token. Limited to 5 per destination per 10 minutes.",
    tags: ["Challenges"],
    params: ChallengeTokenParams,
    response: ChallengeResponse,
  },
  async ({ ctx, params }) => resendChallenge({ ctx, input: { appId: params.app_id, token: params.token } }),
);

export const OPTIONS = preflight;
