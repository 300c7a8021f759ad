import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { usedTokenIds, verifications } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/ids";
import { verifyScuteToken } from "@/lib/verifications/scute-token";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

/**
 * POST /v1/verify/{app_id}/tokens/exchange (our addition to §15.12): a
 * backend hands in the `scute_token` its redirect received; it is verified
 * (signature by the app's keys, `iss: scute`, `aud` = this app, `exp`) and
 * its `jti` recorded once (`INSERT … ON CONFLICT DO NOTHING`: of any number
 * of concurrent exchanges exactly one wins). A replay is 401
 * `token_already_used`. Returns the verification and the token's claims.
 */
export async function exchangeScuteToken({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: VerifyCallerPrincipal; token: string };
}): Promise<{ row: VerificationRow; claims: Record<string, unknown> }> {
  const { principal } = input;
  if (principal.kind === "user") throw new AppError({ code: "forbidden", message: "The exchange is for backends (M2M token or API secret)" });
  const app = principal.app;
  const claims = await verifyScuteToken(app, input.token, ctx.now);
  if (!isUuid(claims.verification_id)) throw new AppError("invalid_token");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(verifications)
      .where(and(eq(verifications.id, claims.verification_id), eq(verifications.appId, app.id)))
      .limit(1);
    if (!row) throw new AppError("invalid_token");
    const inserted = await tx
      .insert(usedTokenIds)
      .values({ jti: claims.jti, appId: app.id, kind: "scute_token", expiresAt: new Date(claims.exp * 1000), createdAt: ctx.now })
      .onConflictDoNothing()
      .returning({ jti: usedTokenIds.jti });
    if (inserted.length === 0) throw new AppError("token_already_used");
    return { row, claims };
  });
}
