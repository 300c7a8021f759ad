/**
 * Test identities (spec §1.11): behind the app's `test_identities_enabled`
 * flag, emails ending in `+scute_test@example.com` and the fictional numbers
 * +1 415 555 01xx get the fixed code 424242 and no message is sent.
 */
import type { AppRow } from "@/lib/apps/find-app";
import type { Identifier } from "@/lib/identifiers/parse-identifier";

export const TEST_IDENTITY_CODE = "424242";

const TEST_EMAIL_SUFFIX = "+scute_test@example.com";
const TEST_PHONE = /^\+141555501\d\d$/;

/** Is `identifier` a test identity of `app` (flag on and the identifier in the reserved ranges)? */
export function isTestIdentity(app: Pick<AppRow, "testIdentitiesEnabled">, identifier: Identifier): boolean {
  if (!app.testIdentitiesEnabled) return false;
  return identifier.kind === "email" ? identifier.normalized.endsWith(TEST_EMAIL_SUFFIX) : TEST_PHONE.test(identifier.normalized);
}
