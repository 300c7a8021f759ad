import type { KeyObject } from "node:crypto";
import { systemCtx } from "@/lib/context";
import { log } from "@/lib/log";
import { getAppKeyset, invalidateKeyset, type KeysetOptions, privateKeyOf } from "@/lib/signing-keys/keyset";
import { isDueForPromotion, KEYSET_CACHE_TTL_SECONDS } from "@/lib/signing-keys/policy";
import { promoteSigningKey } from "@/lib/signing-keys/promote-signing-key";

export interface ActiveSigningKey {
  kid: string;
  privateKey: KeyObject;
}

const promoting = new Map<string, Promise<void>>();
const lastAttempt = new Map<string, number>();
const RETRY_MS = KEYSET_CACHE_TTL_SECONDS * 1000;

/**
 * Run at most one lazy promotion per app at a time in this process, and at
 * most one attempt per cache TTL, so a failing database or a promotion done
 * elsewhere never turns every signature into a transaction.
 */
function promoteOnce(appId: string, now: Date): Promise<void> {
  const pending = promoting.get(appId);
  if (pending) return pending;
  if (Date.now() - (lastAttempt.get(appId) ?? 0) < RETRY_MS) return Promise.resolve();
  if (lastAttempt.size >= 10_000) lastAttempt.clear();
  lastAttempt.set(appId, Date.now());
  const ctx = { ...systemCtx("signing-key-promotion"), now };
  const promotion = promoteSigningKey({ ctx, input: { appId } })
    .then(() => undefined)
    .catch((error: unknown) => {
      // Signing goes on with the current key, which stays valid; a later call or the sweep retries.
      log.warn("lazy signing key promotion failed", { appId, err: error instanceof Error ? error : String(error) });
    })
    .finally(() => {
      // Re-read even after a no-op: another instance may have promoted first.
      invalidateKeyset(appId);
      promoting.delete(appId);
    });
  promoting.set(appId, promotion);
  return promotion;
}

/**
 * The key app `appId` (internal id) signs with now: its `active` key, with the
 * private key decrypted and imported once per process. When a pending
 * rotation is due, this call completes it first, so rotation needs no
 * scheduler (skipped when `opts.db` is a transaction: the next call does it).
 * Throws if the app has no active key (a broken invariant, not a client error).
 */
export async function getActiveSigningKey(appId: string, opts: KeysetOptions = {}): Promise<ActiveSigningKey> {
  const now = opts.now ?? new Date();
  let keyset = await getAppKeyset(appId, opts);
  if (!opts.db && keyset.next && isDueForPromotion(keyset.next.createdAt, now)) {
    await promoteOnce(appId, now);
    keyset = await getAppKeyset(appId, opts);
  }
  const active = keyset.active;
  if (!active) throw new Error(`app ${appId} has no active signing key`);
  return { kid: active.kid, privateKey: privateKeyOf(active) };
}
