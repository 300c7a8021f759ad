/**
 * The in-process cache of each app's published signing keys: the one place
 * that reads `signing_keys` for signing, verification and the JWKS. A warm
 * process answers all three with zero DB statements (perf S1/S2); every
 * process re-reads at least every KEYSET_CACHE_TTL_SECONDS, which is what the
 * promotion lead time in ./policy.ts relies on.
 */
import { createHash, createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { signingKeys } from "@/db/schema";
import { decryptSecret } from "@/lib/crypto";
import { SIGNING_KEY_PURPOSE } from "@/lib/signing-keys/create-signing-key";
import { KEYSET_CACHE_TTL_SECONDS } from "@/lib/signing-keys/policy";

/** Statuses whose keys are in the JWKS and verify tokens (`retiring` only until `retire_after`). */
export type PublishedStatus = "next" | "active" | "retiring";

/** One key as published in a JWKS (spec §11.6). */
export interface PublicJwk {
  kty: "RSA";
  kid: string;
  use: "sig";
  alg: "RS256";
  n: string;
  e: string;
}

/** A published key with its public key imported; the private key stays sealed until signing. */
export interface PublishedKey {
  kid: string;
  status: PublishedStatus;
  createdAt: Date;
  /** Only for `retiring` keys: the key leaves the set at this instant. */
  retireAfter: Date | null;
  publicKey: KeyObject;
  publicPem: string;
  jwk: PublicJwk;
  privateKeySealed: string;
}

/** One app's published keys, as cached. */
export interface AppKeyset {
  appId: string;
  /** Published keys at load time, in JWKS order: active, next, retiring. */
  keys: readonly PublishedKey[];
  active: PublishedKey | null;
  /** The oldest pending `next` key, if a rotation is under way. */
  next: PublishedKey | null;
  /** The serialized JWKS document and its strong ETag, computed once per load. */
  jwks: { body: string; etag: string };
}

interface Entry {
  keyset: AppKeyset;
  /** Wall clock of the load (TTL). */
  loadedAt: number;
  /** The clock the load filtered retiring keys with. */
  loadedFor: number;
  /** Earliest `retire_after` among the keys: the JWKS changes then. */
  validUntil: number;
}

const TTL_MS = KEYSET_CACHE_TTL_SECONDS * 1000;
const MAX_ENTRIES = 10_000;
const STATUS_ORDER: Record<PublishedStatus, number> = { active: 0, next: 1, retiring: 2 };

const cache = new Map<string, Entry>();
const inflight = new Map<string, Promise<Entry>>();
const publicKeys = new Map<string, KeyObject>();
const privateKeys = new Map<string, KeyObject>();
/** Bumped by every invalidation, so a load that raced a rotation is not stored. */
let epoch = 0;

function isPublished(key: { status: string; retireAfter: Date | null }, now: number): boolean {
  if (key.status === "retiring") return key.retireAfter !== null && key.retireAfter.getTime() > now;
  return key.status === "next" || key.status === "active";
}

function bounded<V>(map: Map<string, V>): Map<string, V> {
  if (map.size >= MAX_ENTRIES) map.clear();
  return map;
}

function importPublic(kid: string, pem: string): KeyObject {
  let key = publicKeys.get(kid);
  if (!key) {
    key = createPublicKey(pem);
    bounded(publicKeys).set(kid, key);
  }
  return key;
}

function toJwk(kid: string, stored: { n?: unknown; e?: unknown }): PublicJwk {
  if (typeof stored.n !== "string" || typeof stored.e !== "string") {
    throw new Error(`signing key ${kid}: stored public JWK lacks n/e`);
  }
  return { kty: "RSA", kid, use: "sig", alg: "RS256", n: stored.n, e: stored.e };
}

async function load(appId: string, now: Date, db: Executor | undefined): Promise<Entry> {
  const exec = db ?? (await getDb());
  // Served by signing_keys_app_status_idx; `retired` keys are never read.
  const rows = await exec
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.appId, appId), inArray(signingKeys.status, ["next", "active", "retiring"])))
    .orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid));
  const at = now.getTime();
  const keys: PublishedKey[] = [];
  for (const row of rows) {
    if (row.status === "retired" || !isPublished(row, at)) continue;
    keys.push({
      kid: row.kid,
      status: row.status,
      createdAt: row.createdAt,
      retireAfter: row.retireAfter,
      publicKey: importPublic(row.kid, row.publicPem),
      publicPem: row.publicPem,
      jwk: toJwk(row.kid, row.publicJwk),
      privateKeySealed: row.privateKeySealed,
    });
  }
  // Stable order (status, then age) keeps the ETag stable across processes.
  keys.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.createdAt.getTime() - b.createdAt.getTime());
  const body = JSON.stringify({ keys: keys.map((k) => k.jwk) });
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
  const validUntil = Math.min(
    Number.POSITIVE_INFINITY,
    ...keys.flatMap((k) => (k.retireAfter ? [k.retireAfter.getTime()] : [])),
  );
  return {
    keyset: {
      appId,
      keys,
      active: keys.find((k) => k.status === "active") ?? null,
      next: keys.find((k) => k.status === "next") ?? null,
      jwks: { body, etag },
    },
    loadedAt: Date.now(),
    loadedFor: at,
    validUntil,
  };
}

export interface KeysetOptions {
  /** The request's clock (ctx.now); decides which retiring keys are still published. */
  now?: Date;
  /**
   * The executor to read with on a cache miss. Pass the open transaction when
   * calling inside one (PGlite has a single connection, so a read outside the
   * transaction would wait for it forever); such reads are not cached.
   */
  db?: Executor;
}

/**
 * Whether an entry describes the key set at `now`: no retirement in between.
 * (Requests carry their own clock; one a little older than the load is fine.)
 */
function covers(entry: Entry, now: Date): boolean {
  const at = now.getTime();
  return at < entry.validUntil && at >= entry.loadedFor - TTL_MS;
}

/** The published keys of app `appId` (internal id), from the cache when fresh. */
export async function getAppKeyset(appId: string, opts: KeysetOptions = {}): Promise<AppKeyset> {
  const now = opts.now ?? new Date();
  const hit = cache.get(appId);
  if (hit && Date.now() - hit.loadedAt < TTL_MS && covers(hit, now)) return hit.keyset;
  if (opts.db) return (await load(appId, now, opts.db)).keyset;

  // One load per app at a time: a cold cache under load costs one query, not N.
  const pending = inflight.get(appId);
  if (pending) {
    const shared = await pending;
    return covers(shared, now) ? shared.keyset : (await load(appId, now, undefined)).keyset;
  }
  const started = epoch;
  const loading: Promise<Entry> = load(appId, now, undefined).finally(() => {
    if (inflight.get(appId) === loading) inflight.delete(appId);
  });
  inflight.set(appId, loading);
  const entry = await loading;
  if (started === epoch) bounded(cache).set(appId, entry);
  return entry.keyset;
}

/**
 * The public key for `kid` if it is one of app `appId`'s published keys at
 * `now`, else null. `next` keys count: another instance may promote one and
 * sign with it before this process's cache sees the promotion.
 */
export async function findVerificationKey(appId: string, kid: string, opts: KeysetOptions = {}): Promise<KeyObject | null> {
  const keyset = await getAppKeyset(appId, opts);
  const at = (opts.now ?? new Date()).getTime();
  // Exact string match against this app's keys only: a hostile kid is just a miss.
  const key = keyset.keys.find((k) => k.kid === kid);
  return key && isPublished(key, at) ? key.publicKey : null;
}

/** The decrypted private key of a published key, imported once per process. */
export function privateKeyOf(key: PublishedKey): KeyObject {
  let privateKey = privateKeys.get(key.kid);
  if (!privateKey) {
    privateKey = createPrivateKey(decryptSecret(key.privateKeySealed, SIGNING_KEY_PURPOSE));
    bounded(privateKeys).set(key.kid, privateKey);
  }
  return privateKey;
}

/** Forget app `appId`'s cached keys (after a local rotation, promotion or retirement). */
export function invalidateKeyset(appId: string): void {
  epoch++;
  cache.delete(appId);
  inflight.delete(appId);
}

/** Test hook: forget every cached key set. */
export function clearKeysetCache(): void {
  epoch++;
  cache.clear();
  inflight.clear();
}
