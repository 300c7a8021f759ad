import { and, eq, inArray } from "drizzle-orm";
import { getDb } from "@/db/client";
import { userMetaFields } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import type { MetaFieldObject, ReorderMetaFieldsInput } from "@/lib/meta-fields/schemas";
import { toMetaField } from "@/lib/meta-fields/serialize";
import { appForActor } from "@/lib/tenancy";

/**
 * Set the positions of an app's meta fields (spec §13.5), from
 * `positions: [{ id, position }]` or an ordered `ids` list (1, 2, …). Every id
 * must be a field of this app (else 404, nothing changed); fields not named
 * keep their position. Returns all fields in their new order.
 */
export async function reorderMetaFields({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; order: ReorderMetaFieldsInput };
}): Promise<MetaFieldObject[]> {
  const { order } = input;
  const wanted = order.positions ?? order.ids?.map((id, i) => ({ id, position: i + 1 }));
  if (!wanted) {
    throw new AppError({ code: "bad_request", message: "Give positions ([{ id, position }]) or ids (ordered)", errors: { positions: ["is required"] } });
  }
  const ids = wanted.map((p) => p.id);
  if (new Set(ids).size !== ids.length) {
    throw new AppError({ code: "validation_failed", message: "Invalid request field positions: an id appears twice", errors: { positions: ["an id appears twice"] } });
  }
  const db = await getDb();
  return db.transaction(async (tx) => {
    const app = await appForActor(ctx, input.appId, tx);
    if (ids.some((id) => !isUuid(id))) throw new AppError("meta_field_not_found");
    if (ids.length) {
      const found = await tx
        .select({ id: userMetaFields.id })
        .from(userMetaFields)
        .where(and(eq(userMetaFields.appId, app.id), inArray(userMetaFields.id, ids)))
        .for("update");
      if (found.length !== ids.length) throw new AppError("meta_field_not_found");
      for (const p of wanted) {
        await tx
          .update(userMetaFields)
          .set({ position: p.position, updatedAt: ctx.now })
          .where(and(eq(userMetaFields.id, p.id), eq(userMetaFields.appId, app.id)));
      }
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        slug: "user_meta_field.reordered",
        params: { positions: wanted },
      });
    }
    return (await listMetaFields(app.id, tx)).map((f) => toMetaField(f, app));
  });
}
