/**
 * Endpoint signing secrets: `whsec_` + base64 of 32 random bytes (Standard
 * Webhooks format). They must be recoverable to sign, so they are sealed
 * (lib/crypto encryptSecret, purpose "webhook_secret"), not hashed.
 */
import { randomBytes } from "node:crypto";
import type { webhookEndpoints } from "@/db/schema";
import { decryptSecret, encryptSecret } from "@/lib/crypto";

const PURPOSE = "webhook_secret";
/** How long the previous secret keeps signing after a rotation. */
export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

export const sealWebhookSecret = (secret: string): string => encryptSecret(secret, PURPOSE);
export const openWebhookSecret = (sealed: string): string => decryptSecret(sealed, PURPOSE);

/** The secrets that sign a delivery at `now`: the current one, then the previous one during its overlap. */
export function signingSecrets(
  row: Pick<EndpointRow, "secretSealed" | "previousSecretSealed" | "previousSecretExpiresAt">,
  now: Date,
): string[] {
  const out = [openWebhookSecret(row.secretSealed)];
  if (row.previousSecretSealed && row.previousSecretExpiresAt && row.previousSecretExpiresAt > now) {
    out.push(openWebhookSecret(row.previousSecretSealed));
  }
  return out;
}
