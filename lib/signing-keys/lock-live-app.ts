import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { apps } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";

/**
 * Lock a live app's row for the rest of the transaction. Every change to an
 * app's key lifecycle takes this lock first, so rotations and promotions of
 * one app run one at a time on every instance (two can never both activate).
 */
export async function lockLiveApp(tx: Executor, appId: string): Promise<AppRow> {
  if (!isUuid(appId)) throw new AppError("app_not_found");
  const [app] = await tx
    .select()
    .from(apps)
    .where(and(eq(apps.id, appId), isNull(apps.deletedAt)))
    .for("update");
  if (!app) throw new AppError("app_not_found");
  return app;
}
