import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { serializeOne } from "@/lib/verifications/access";
import { createVerification } from "@/lib/verifications/create-verification";
import { listVerifications } from "@/lib/verifications/list-verifications";
import { CreateVerificationBody, ListQuery, ListResponse, VerificationResponse, VerifyParams } from "@/lib/verifications/schemas";

export const GET = apiRoute(
  {
    auth: "verifyCaller",
    summary: "List verifications",
    description: "Newest first. Filter by `status` and `channel`. A user token sees only verifications addressed to that user.",
    tags: ["Verifications"],
    params: VerifyParams,
    query: ListQuery,
    response: ListResponse,
  },
  async ({ ctx, query, principal }) => listVerifications({ ctx, input: { principal, query } }),
);

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Create a verification",
    description:
      "By `identifier` (the user is created if unknown), `to_user_id` (operator flow), identifier change " +
      "(`channel: user_identifier`, `new_identifier`, `identifier_type`) or metafield (`channel: metafield`, `field_name`). " +
      "Sends a link or code; at most `verification_rate_limit_per_hour` (default 10) sends per contact per hour (429 with Retry-After).",
    tags: ["Verifications"],
    params: VerifyParams,
    body: CreateVerificationBody,
    response: VerificationResponse,
  },
  async ({ ctx, body, principal }) => ({
    verification: await serializeOne(principal.app, await createVerification({ ctx, input: { principal, body } })),
  }),
);

export const OPTIONS = preflight;
