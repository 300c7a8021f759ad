import type { AppRow } from "@/lib/apps/find-app";
import { isAppError } from "@/lib/errors";
import type { Translator } from "@/lib/i18n/translate";

/**
 * The message a hosted form shows for an error its own checks did not
 * explain. Anything that is not an AppError is logged (never shown).
 */
export function hostedErrorMessage(t: Translator, app: Pick<AppRow, "name">, error: unknown): string {
  if (isAppError(error)) {
    if (error.code === "public_signup_disabled") return t("hosted.error.signup_disabled", { app: app.name });
    if (error.code === "user_inactive") return t("hosted.error.inactive", { app: app.name });
    if (error.code === "rate_limited") return t("hosted.error.rate_limited");
  } else {
    console.error("hosted sign-in failed", error);
  }
  return t("hosted.error.generic");
}
