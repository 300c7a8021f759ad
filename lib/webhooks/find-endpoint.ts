import { and, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { webhookEndpoints } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { EndpointRow } from "@/lib/webhooks/secret";
import { appForActor } from "@/lib/tenancy";

/**
 * The caller's app and one of its endpoints; 404 `webhook_not_found` for an id
 * that is malformed, missing or another app's (no difference is visible).
 */
export async function endpointForActor(
  ctx: Ctx,
  appIdParam: string,
  endpointId: string,
  db?: Executor,
): Promise<{ app: AppRow; endpoint: EndpointRow }> {
  const exec = db ?? (await getDb());
  const app = await appForActor(ctx, appIdParam, exec);
  if (!isUuid(endpointId)) throw new AppError("webhook_not_found");
  const [endpoint] = await exec
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.appId, app.id)))
    .limit(1);
  if (!endpoint) throw new AppError("webhook_not_found");
  return { app, endpoint };
}
