import type { Ctx } from "@/lib/context";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import type { MetaFieldObject } from "@/lib/meta-fields/schemas";
import { toMetaField } from "@/lib/meta-fields/serialize";
import { requireLiveApp } from "@/lib/users/require-live-app";

/** The public list of an app's meta fields by position (spec §13.1); 404 `app_not_found` for unknown apps. */
export async function listAppMetaFields({ input }: { ctx: Ctx; input: { appId: string } }): Promise<MetaFieldObject[]> {
  const app = await requireLiveApp(input.appId, { cached: true });
  return (await listMetaFields(app.id)).map((f) => toMetaField(f, app));
}
