import { decryptSecret, encryptSecret } from "@/lib/crypto";

const PURPOSE = "message_provider";

/** Seal a provider's secret settings (null when there are none). */
export function sealSecrets(secrets: Record<string, string>): string | null {
  return Object.keys(secrets).length ? encryptSecret(JSON.stringify(secrets), PURPOSE) : null;
}

/** The secret settings of a stored provider ({} when none). */
export function openSecrets(sealed: string | null): Record<string, string> {
  if (!sealed) return {};
  const parsed: unknown = JSON.parse(decryptSecret(sealed, PURPOSE));
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === "string"));
}
