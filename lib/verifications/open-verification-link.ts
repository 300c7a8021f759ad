import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { verifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { closedPage, formPage, type LinkPage, notFoundPage, resolveLink } from "@/lib/verifications/link-page";

/**
 * GET /v1/verify/{app_id}/v/{link_token} (spec §15.12): the landing page.
 * Records `was_opened` (once) and nothing else: a GET never completes a
 * verification, so mail scanners that fetch links change nothing (threats T3).
 */
export async function openVerificationLink({ ctx, input }: { ctx: Ctx; input: { appId: string; linkToken: string } }): Promise<LinkPage> {
  const target = await resolveLink(input.appId, input.linkToken);
  if (!target) return notFoundPage();
  if (!target.row.wasOpened) {
    const db = await getDb();
    await db
      .update(verifications)
      .set({ wasOpened: true, openedAt: ctx.now })
      .where(and(eq(verifications.id, target.row.id), eq(verifications.wasOpened, false)));
  }
  return closedPage(target, ctx.now) ?? formPage(target);
}
