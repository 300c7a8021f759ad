import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { isMasked, type ProviderDefinition } from "@/lib/message-providers/definitions";

export interface ProviderConfig {
  config: Record<string, unknown>;
  secrets: Record<string, string>;
}

function issuesOf(error: z.ZodError, prefix: string, into: Record<string, string[]>): void {
  for (const issue of error.issues) {
    const field = [prefix, ...issue.path.map(String)].join(".");
    (into[field] ??= []).push(issue.message);
  }
}

/**
 * The settings to store after a write: `incoming` merged over `stored` (a key
 * set to null or "" is removed; a masked secret keeps the stored one), then
 * validated against the provider's schemas. 422 `validation_failed` naming
 * every bad key, including unknown ones.
 */
export function mergeProviderConfig(
  def: ProviderDefinition,
  incoming: Record<string, unknown> | undefined,
  stored: ProviderConfig,
): ProviderConfig {
  const errors: Record<string, string[]> = {};
  const config: Record<string, unknown> = { ...stored.config };
  const secrets: Record<string, string> = { ...stored.secrets };
  for (const [key, value] of Object.entries(incoming ?? {})) {
    if (def.secretKeys.includes(key)) {
      if (isMasked(value)) continue;
      if (value === null || value === "") delete secrets[key];
      else if (typeof value === "string") secrets[key] = value;
      else (errors[`config.${key}`] ??= []).push("must be a string");
    } else if (def.publicKeys.includes(key)) {
      if (value === null || value === "") delete config[key];
      else config[key] = value;
    } else {
      (errors[`config.${key}`] ??= []).push(`is not a setting of ${def.provider}`);
    }
  }
  const pub = def.publicSchema.safeParse(config);
  if (!pub.success) issuesOf(pub.error, "config", errors);
  const sec = def.secretSchema.safeParse(secrets);
  if (!sec.success) issuesOf(sec.error, "config", errors);
  if (Object.keys(errors).length || !pub.success || !sec.success) {
    const [field, messages] = Object.entries(errors)[0] ?? ["config", ["invalid"]];
    throw new AppError({ code: "validation_failed", message: `Invalid request field ${field}: ${messages[0]}`, errors });
  }
  const cleanSecrets = Object.fromEntries(Object.entries(sec.data).filter((e): e is [string, string] => typeof e[1] === "string"));
  return { config: pub.data, secrets: cleanSecrets };
}
