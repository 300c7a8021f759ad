/**
 * One attempt of a delivery the caller has claimed (status `processing`,
 * `locked_by` = its claim token): sign the stored body afresh, POST it through
 * the SSRF-guarded client, then in one transaction record the attempt and move
 * the delivery on. The state change is guarded by the claim token, so a worker
 * whose lease ran out (and whose row another worker re-claimed) cannot
 * overwrite the newer outcome; its attempt is still logged, since it happened.
 */
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { newId } from "@/lib/ids";
import type { AppRow } from "@/lib/apps/find-app";
import { webhookConfig } from "@/lib/webhooks/config";
import { type PostResult, postWebhook } from "@/lib/webhooks/http-client";
import { notifyEndpointGone } from "@/lib/webhooks/notify-endpoint-gone";
import { retryDelayMs } from "@/lib/webhooks/retry-schedule";
import { type EndpointRow, signingSecrets } from "@/lib/webhooks/secret";
import type { AttemptRow, DeliveryRow } from "@/lib/webhooks/serialize";
import { SIGNATURE_HEADER, signatureHeader, standardWebhookHeaders } from "@/lib/webhooks/signature";

export type Trigger = "automatic" | "replay" | "test";

export interface AttemptInput {
  delivery: DeliveryRow;
  claimToken: string;
  endpoint: EndpointRow;
  app: Pick<AppRow, "id" | "workspaceId" | "name">;
  trigger: Trigger;
  workerId: string;
  /** Replays: the status to return to when the replay fails (a pending delivery keeps its schedule). */
  statusBefore?: DeliveryRow["status"];
}

export interface AttemptOutcome {
  result: PostResult;
  delivery: DeliveryRow | null;
  attempt: AttemptRow;
}

/** `<AppName>-Webhooks/1.0` (spec §16.3), reduced to header-safe token characters. */
export function userAgentFor(appName: string): string {
  const name = appName.replace(/[^A-Za-z0-9!#$%&'*+.^_`|~-]+/g, "") || "Tessera";
  return `${name.slice(0, 64)}-Webhooks/1.0`;
}

type Patch = Partial<typeof webhookDeliveries.$inferInsert>;

function nextState(input: AttemptInput, result: PostResult, attemptsMade: number, now: Date): Patch {
  const done = { lockedUntil: null, lockedBy: null };
  if (result.ok) return { ...done, status: "delivered", deliveredAt: now };
  if (result.status === 410) return { ...done, status: "failed" };
  if (input.trigger === "test") return { ...done, status: "failed" };
  if (input.trigger === "replay") {
    const before = input.statusBefore ?? "failed";
    return { ...done, status: before === "processing" ? "pending" : before };
  }
  if (attemptsMade > input.delivery.retryLimit) return { ...done, status: "failed" };
  const delay = retryDelayMs(attemptsMade, webhookConfig().retryBaseSeconds);
  return { ...done, status: "pending", nextAttemptAt: new Date(now.getTime() + delay) };
}

export async function performAttempt(input: AttemptInput): Promise<AttemptOutcome> {
  const { delivery, endpoint } = input;
  const startedAt = new Date();
  const t = Math.floor(startedAt.getTime() / 1000);
  const secrets = signingSecrets(endpoint, startedAt);
  const signature = signatureHeader(delivery.body, secrets, t);
  const result = await postWebhook({
    url: endpoint.url,
    body: delivery.body,
    allowPrivate: webhookConfig().allowPrivate,
    headers: {
      "Content-Type": "application/json",
      "User-Agent": userAgentFor(input.app.name),
      [SIGNATURE_HEADER]: signature,
      "Webhook-Attempt": String(delivery.retryCount + 1),
      ...standardWebhookHeaders(delivery.id, delivery.body, secrets, t),
    },
  });
  const now = new Date();
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [attempt] = await tx
      .insert(webhookAttempts)
      .values({
        id: newId(),
        deliveryId: delivery.id,
        attempt: delivery.retryCount + 1,
        trigger: input.trigger,
        signature,
        success: result.ok,
        responseStatus: result.status,
        responseBody: result.body,
        failureReason: result.failureReason,
        durationMs: result.durationMs,
        workerId: input.workerId,
        startedAt,
        createdAt: now,
      })
      .returning();
    if (!attempt) throw new Error("webhook attempt insert returned nothing");
    const [updated] = await tx
      .update(webhookDeliveries)
      .set({
        ...nextState(input, result, delivery.retryCount + 1, now),
        retryCount: sql`${webhookDeliveries.retryCount} + 1`,
        lastSignature: signature,
        responseStatus: result.status,
        responseBody: result.body,
        failureReason: result.failureReason,
        updatedAt: now,
      })
      .where(
        and(
          eq(webhookDeliveries.id, delivery.id),
          eq(webhookDeliveries.status, "processing"),
          eq(webhookDeliveries.lockedBy, input.claimToken),
        ),
      )
      .returning();
    if (result.status === 410) {
      // The receiver says it is gone for good: stop sending there (spec: disabled endpoints receive nothing).
      const [disabled] = await tx
        .update(webhookEndpoints)
        .set({ enabled: false, disabledReason: "The endpoint answered 410 Gone", updatedAt: now })
        .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.enabled, true)))
        .returning({ id: webhookEndpoints.id });
      if (disabled) {
        await notifyEndpointGone(tx, {
          workspaceId: input.app.workspaceId,
          appId: input.app.id,
          endpointId: endpoint.id,
          url: endpoint.url,
          now,
        });
      }
    }
    return { result, delivery: updated ?? null, attempt };
  });
}
