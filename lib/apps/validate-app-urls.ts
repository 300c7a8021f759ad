import { AppError } from "@/lib/errors";
import { urlOnOrigins } from "@/lib/urls";

/**
 * Redirect targets of an app must lie on its own origins (threats §3.8,
 * T26): `callback_url` and `login_url` are checked against `origin` plus
 * `additional_origins` whenever any of them is written.
 */
export function validateAppUrls(s: {
  origin: string;
  additionalOrigins: readonly string[];
  callbackUrl: string | null;
  loginUrl: string | null;
}): void {
  const origins = [s.origin, ...s.additionalOrigins];
  const errors: Record<string, string[]> = {};
  if (s.callbackUrl && !urlOnOrigins(s.callbackUrl, origins)) {
    errors.callback_url = ["must be on the app's origin or one of its additional_origins"];
  }
  if (s.loginUrl && !urlOnOrigins(s.loginUrl, origins)) {
    errors.login_url = ["must be on the app's origin or one of its additional_origins"];
  }
  const first = Object.keys(errors)[0];
  if (first) {
    throw new AppError({ code: "validation_failed", message: `Invalid request field ${first}: ${errors[first]?.[0]}`, errors });
  }
}
