import { and, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userMetaFields } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import type { MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";

/** A meta field of `appId` (internal id) by id, locked for update; 404 `meta_field_not_found` otherwise. */
export async function findMetaFieldForUpdate(tx: Executor, appId: string, id: string): Promise<MetaFieldRow> {
  if (!isUuid(id)) throw new AppError("meta_field_not_found");
  const [row] = await tx
    .select()
    .from(userMetaFields)
    .where(and(eq(userMetaFields.id, id), eq(userMetaFields.appId, appId)))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("meta_field_not_found");
  return row;
}
