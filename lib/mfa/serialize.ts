/** MFA enrollment objects of spec §14.8. */
import type { MfaEnrollmentRow } from "@/lib/mfa/state";

export function toEnrollment(e: MfaEnrollmentRow): Record<string, unknown> {
  return {
    id: e.id,
    method: e.method,
    name: e.name,
    verified: e.verified,
    identifier: e.identifier,
    created_at: e.createdAt.toISOString(),
    last_used_at: e.lastUsedAt ? e.lastUsedAt.toISOString() : null,
  };
}
