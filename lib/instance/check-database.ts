import { sql } from "drizzle-orm";
import { getDbHandle } from "@/db/client";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";

/** Run `select 1`; 503 `service_unavailable` if the database does not answer. */
export async function checkDatabase(): Promise<"postgres" | "pglite"> {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return handle.engine;
  } catch (e) {
    log.warn("readiness check failed", { err: e instanceof Error ? e : String(e) });
    throw new AppError({ code: "service_unavailable", message: "Database unavailable", headers: { "Retry-After": "5" } });
  }
}
