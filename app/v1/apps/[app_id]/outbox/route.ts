import { getDb } from "@/db/client";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/errors";
import { listOutbox, toOutboxMessage } from "@/lib/messages/list-outbox";
import { providerKeyFor } from "@/lib/message-providers/route-for";
import { OutboxParams, OutboxQuery, OutboxResponse } from "@/lib/messages/schemas";
import { appForActor } from "@/lib/tenancy";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "Read the dev outbox",
    description:
      "The app's captured emails and SMS, newest first, with their links and codes — for development and tests on an " +
      "instance without an email provider. 404 when the app's email goes through a real provider (its own message " +
      "service provider, or the instance's SMTP or Resend); messages handed to a real provider are never listed.",
    tags: ["Apps"],
    params: OutboxParams,
    query: OutboxQuery,
    response: OutboxResponse,
  },
  async ({ ctx, params, query }) => {
    const app = await appForActor(ctx, params.app_id);
    // With a real provider the rows are a delivery queue, not something to read back.
    if ((await providerKeyFor(await getDb(), app.id, "email")) !== "outbox") throw new AppError("not_found");
    return { messages: (await listOutbox(app.id, query.limit)).map(toOutboxMessage) };
  },
);

export const OPTIONS = preflight;
