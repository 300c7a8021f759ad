import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import { toAdminApp } from "@/lib/apps/serialize";
import type { Ctx } from "@/lib/context";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { listPublicOAuthProviders } from "@/lib/oauth/list-public-providers";
import { getCurrentPublicPem } from "@/lib/signing-keys/get-current-public-pem";
import { appForActor } from "@/lib/tenancy";

/** The AppAdmin object (spec §4.1) of an app row, with its current public key. */
export async function adminAppObject(app: AppRow, db?: Executor): Promise<Record<string, unknown>> {
  const [pem, metaFields, oauthProviders] = await Promise.all([
    getCurrentPublicPem(app.id, db),
    listMetaFields(app.id, db),
    listPublicOAuthProviders(app.id, db),
  ]);
  return toAdminApp(app, pem, { metaFields, oauthProviders });
}

/** The AppAdmin object of an app the caller may manage (403/404 per lib/tenancy). */
export async function getAdminApp({ ctx, input }: { ctx: Ctx; input: { appId: string } }): Promise<Record<string, unknown>> {
  return adminAppObject(await appForActor(ctx, input.appId));
}
