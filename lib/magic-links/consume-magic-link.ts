import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { MagicLinkKind, MagicTokenFacts } from "@/lib/magic-links/verify-magic-token";

export type MagicLinkRow = typeof magicLinks.$inferSelect;

/**
 * Consume a link with one guarded UPDATE (threats T1): only an unconsumed,
 * unexpired link of this app, user and kind is marked, and the row count
 * decides the single winner under any concurrency — a racing transaction
 * blocks on the row lock, then re-checks `consumed_at` and matches nothing.
 * Returns the consumed row, or null (the caller answers 404).
 */
export async function consumeMagicLink(
  tx: Executor,
  input: { appId: string; token: MagicTokenFacts; kinds: readonly MagicLinkKind[]; now: Date },
): Promise<MagicLinkRow | null> {
  const { appId, token, kinds, now } = input;
  if (!kinds.includes(token.kind)) return null;
  const [row] = await tx
    .update(magicLinks)
    .set({ consumedAt: now, updatedAt: now })
    .where(
      and(
        eq(magicLinks.id, token.linkId),
        eq(magicLinks.appId, appId),
        eq(magicLinks.appUserId, token.userId),
        inArray(magicLinks.kind, [...kinds]),
        isNull(magicLinks.consumedAt),
        gt(magicLinks.expiresAt, now),
      ),
    )
    .returning();
  return row ?? null;
}
