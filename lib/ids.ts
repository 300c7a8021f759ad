/**
 * Identifier formats (spec §1.2), from one registry. Internal rows use UUIDv7
 * (time-sortable, so keyset pagination on `(created_at, id)` stays local);
 * public ids and secrets use CSPRNG base62.
 */
import { randomInt } from "node:crypto";
import { v7 as uuidv7, validate as uuidValidate } from "uuid";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `n` characters drawn uniformly from base62 with a CSPRNG (no modulo bias). */
export function randomBase62(n: number): string {
  let out = "";
  for (let i = 0; i < n; i++) out += BASE62[randomInt(62)];
  return out;
}

export const PREFIXES = {
  app: "app_",
  appKey: "scapp_",
  workspaceKey: "scwor_",
  m2mShort: "scm2m_",
  challenge: "ch_",
} as const;

export const newId = (): string => uuidv7();
export const newAppPublicId = (): string => PREFIXES.app + randomBase62(20);
export const newAppApiKey = (): string => PREFIXES.appKey + randomBase62(40);
export const newWorkspaceApiKey = (): string => PREFIXES.workspaceKey + randomBase62(40);

export const isUuid = (s: string): boolean => uuidValidate(s);
export const isAppPublicId = (s: string): boolean => /^app_[0-9A-Za-z]{20}$/.test(s);
