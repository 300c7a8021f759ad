/**
 * Timing rules of the signing-key lifecycle (db/schema/signing-keys.ts):
 *
 *   rotate   → a new key is inserted as `next`: published in the JWKS, never signs.
 *   promote  → once the `next` key has been published for PUBLISH_LEAD_SECONDS,
 *              it becomes `active` and the old active key becomes `retiring`
 *              with `retire_after` = now + the longest lifetime of anything it
 *              signed (+ margins).
 *   sweep    → `retiring` keys past `retire_after` become `retired` and leave
 *              the JWKS; a retired key never verifies anything again.
 *
 * The lead time is what guarantees "a new key is in the JWKS before it signs"
 * for every verifier: each Tessera process re-reads its key set at least every
 * KEYSET_CACHE_TTL_SECONDS, and HTTP caches keep the JWKS for at most
 * JWKS_MAX_AGE_SECONDS, so by promotion time nobody holds a key set without it.
 */
import type { AppRow } from "@/lib/apps/find-app";

/** How long a process trusts its in-memory key set before re-reading it. */
export const KEYSET_CACHE_TTL_SECONDS = 30;

/** `Cache-Control: max-age` of the served JWKS (spec §11.6). */
export const JWKS_MAX_AGE_SECONDS = 600;

/** Clock skew tolerated between instances and verifiers (threats R9: 30 s). */
export const CLOCK_SKEW_SECONDS = 30;

/** Minimum age of a `next` key before it may be promoted to `active` (660 s). */
export const PUBLISH_LEAD_SECONDS = JWKS_MAX_AGE_SECONDS + KEYSET_CACHE_TTL_SECONDS + CLOCK_SKEW_SECONDS;

type Lifetimes = Pick<AppRow, "accessExpiration" | "refreshExpiration" | "magicLinkExpiration">;

/**
 * When a key demoted at `now` may leave the JWKS: after the longest-lived
 * token it can have signed has expired. Other instances may still sign with
 * it until their cache expires, and verifiers tolerate clock skew, hence the
 * margins.
 */
export function retireAfterFor(app: Lifetimes, now: Date): Date {
  const longest = Math.max(app.accessExpiration, app.refreshExpiration, app.magicLinkExpiration);
  return new Date(now.getTime() + (longest + KEYSET_CACHE_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000);
}

/** Whether a `next` key created at `createdAt` may be promoted at `now`. */
export function isDueForPromotion(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= PUBLISH_LEAD_SECONDS * 1000;
}
