import type { AppRow } from "@/lib/apps/find-app";
import { oauthCallbackUrl } from "@/lib/oauth/serialize";
import { bindingCookie } from "@/lib/oauth/state";

/** A 302 for a browser navigation; the target never echoes into a page, and no referrer leaks it. */
export function redirectResponse(location: string, setCookie?: string): Response {
  const headers = new Headers({ Location: location, "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
  if (setCookie) headers.append("Set-Cookie", setCookie);
  return new Response(null, { status: 302, headers });
}

/** Expire the browser-binding cookie once the callback ran. */
export function clearBindingCookie(app: Pick<AppRow, "publicId">): string {
  return bindingCookie(new URL(oauthCallbackUrl(app)).pathname, "", { maxAge: 0 });
}
