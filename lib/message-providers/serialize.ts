import type { messageProviders } from "@/db/schema";
import { definitionOf, MASK } from "@/lib/message-providers/definitions";
import type { ProviderObject } from "@/lib/message-providers/schemas";
import { openSecrets } from "@/lib/message-providers/seal";

export type ProviderRow = typeof messageProviders.$inferSelect;

/** The provider object (spec §19): public settings as stored, every set secret as `••••`. */
export function toProvider(row: ProviderRow): ProviderObject {
  const def = definitionOf(row.providerType, row.provider);
  let secretKeys: string[] = [];
  try {
    secretKeys = Object.keys(openSecrets(row.secretConfigSealed));
  } catch {
    // Sealed under another instance secret: still show which secrets exist.
    secretKeys = row.secretConfigSealed ? [...(def?.secretKeys ?? [])] : [];
  }
  const config: Record<string, unknown> = { ...row.config };
  for (const key of secretKeys) config[key] = MASK;
  return {
    id: row.id,
    provider_type: row.providerType,
    provider: row.provider,
    name: row.name,
    enabled: row.enabled,
    is_default: row.isDefault,
    from: row.from,
    config,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}
