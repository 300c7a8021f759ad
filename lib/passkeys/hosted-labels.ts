import type { PasskeyAddLabels } from "@/components/hosted/passkey-add";
import type { Translator } from "@/lib/i18n/translate";

/** The strings of the add-a-passkey control, in the page's language. */
export function passkeyAddLabels(t: Translator): PasskeyAddLabels {
  return {
    add: t("hosted.passkeys.offer.add"),
    adding: t("hosted.passkeys.offer.adding"),
    skip: t("hosted.passkeys.offer.skip"),
    added: t("hosted.passkeys.offer.added"),
    cancelled: t("hosted.passkeys.add_cancelled"),
    failed: t("hosted.passkeys.add_failed"),
    exists: t("hosted.passkeys.add_exists"),
    unsupported: t("hosted.passkeys.add_unsupported"),
  };
}
