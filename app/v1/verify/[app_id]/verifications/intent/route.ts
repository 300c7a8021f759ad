import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { createIntentVerification } from "@/lib/verifications/create-intent-verification";
import { IntentBody, IntentResponse, VerifyParams } from "@/lib/verifications/schemas";

export const POST = apiRoute(
  {
    auth: "verifyCaller",
    summary: "Create a verification with an intent",
    description:
      "Asks a contact to approve an action (`intent_name`) with context (`meta_data`: `contact_email` or `contact_phones`, " +
      "`contact_name`, `ticket_id`, `contact_id`…). `method` `email` (default) or `sms`, also as a query parameter. " +
      "400 codes: meta_data_required, intent_name_required, invalid_method, email_required, invalid_email, phones_required, " +
      "empty_phone, invalid_phone. 10 per contact per hour by default (429 with Retry-After). M2M token or API secret.",
    tags: ["Verifications"],
    params: VerifyParams,
    body: IntentBody,
    response: IntentResponse,
  },
  async ({ ctx, body, principal }) => {
    const { row, message } = await createIntentVerification({ ctx, input: { principal, body } });
    return { verification_id: row.id, status: 200, message };
  },
);

export const OPTIONS = preflight;
