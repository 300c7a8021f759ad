import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { autocompleteContacts } from "@/lib/verifications/autocomplete";
import { AutocompleteQuery, AutocompleteResponse, VerifyParams } from "@/lib/verifications/schemas";

export const GET = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Autocomplete contacts",
    description: "Contacts whose email or phone contains `query` (at least 2 characters); `limit` 1–50 (default 10). M2M token or API secret.",
    tags: ["Verifications"],
    params: VerifyParams,
    query: AutocompleteQuery,
    response: AutocompleteResponse,
    rateLimits: [{ name: "verify_autocomplete", limit: 120, windowSeconds: 60, key: ({ params }) => params.app_id }],
  },
  async ({ ctx, query, principal }) => autocompleteContacts({ ctx, input: { principal, query: query.query, limit: query.limit } }),
);

export const OPTIONS = preflight;
