import { type AppRow, findLiveApp, findLiveAppCached } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";

/**
 * The live app named by a credential-none route's `{app_id}` (public id or
 * uuid), or 404 `app_not_found`. Flows that write (sends, exchanges) read it
 * fresh so a settings change (public_signup, expirations) applies at once;
 * read-only hot paths may take the 60-second cache.
 */
export async function requireLiveApp(appIdParam: string, opts: { cached?: boolean } = {}): Promise<AppRow> {
  const app = opts.cached ? await findLiveAppCached(appIdParam) : await findLiveApp(appIdParam);
  if (!app) throw new AppError("app_not_found");
  return app;
}
