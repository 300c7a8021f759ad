/** The device (passkey) object of spec §9.6, plus the facts the device list shows. */
import type { webauthnCredentials } from "@/db/schema";

export type CredentialRow = typeof webauthnCredentials.$inferSelect;

export function toDevice(c: CredentialRow) {
  return {
    id: c.credentialId,
    nickname: c.nickname,
    user_agent: c.userAgent,
    created_at: c.createdAt.toISOString(),
    last_used_at: c.lastUsedAt ? c.lastUsedAt.toISOString() : null,
    transports: c.transports,
    aaguid: c.aaguid,
    backed_up: c.backedUp,
  };
}

/** `webauthn_types` entry of a credential: "platform" for built-in authenticators, else "cross-platform". */
export function webauthnTypeOf(c: Pick<CredentialRow, "transports">): string {
  return c.transports.includes("internal") ? "platform" : "cross-platform";
}
