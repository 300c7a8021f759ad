import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { webauthnCredentials } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { CredentialRow } from "@/lib/passkeys/serialize";

export const MAX_NICKNAME = 64;

/** Rename one of the user's passkeys (hosted passkeys page). Blank or control characters → 422. */
export async function renameDevice({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { app: Pick<AppRow, "id">; appUserId: string; credentialId: string; nickname: string };
}): Promise<CredentialRow> {
  const nickname = input.nickname.trim();
  if (!nickname || nickname.length > MAX_NICKNAME || /[\u0000-\u001F\u007F]/.test(nickname)) {
    throw new AppError({ code: "validation_failed", errors: { nickname: [`must be 1–${MAX_NICKNAME} printable characters`] } });
  }
  const db = await getDb();
  const [row] = await db
    .update(webauthnCredentials)
    .set({ nickname, updatedAt: ctx.now })
    .where(
      and(
        eq(webauthnCredentials.appId, input.app.id),
        eq(webauthnCredentials.appUserId, input.appUserId),
        eq(webauthnCredentials.credentialId, input.credentialId),
      ),
    )
    .returning();
  if (!row) throw new AppError("device_not_found");
  return row;
}
