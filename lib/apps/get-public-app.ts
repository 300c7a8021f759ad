import { findLiveAppCached } from "@/lib/apps/find-app";
import { toPublicApp } from "@/lib/apps/serialize";
import { AppError } from "@/lib/errors";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { listPublicOAuthProviders } from "@/lib/oauth/list-public-providers";
import { getCurrentPublicPem } from "@/lib/signing-keys/get-current-public-pem";

/** The public configuration of a live app (spec §4.4), or 404 `app_not_found`. */
export async function getPublicApp(appId: string): Promise<Record<string, unknown>> {
  const app = await findLiveAppCached(appId);
  if (!app) throw new AppError("app_not_found");
  const [pem, metaFields, oauthProviders] = await Promise.all([
    getCurrentPublicPem(app.id),
    listMetaFields(app.id),
    listPublicOAuthProviders(app.id),
  ]);
  return toPublicApp(app, pem, { metaFields, oauthProviders });
}
