import { randomUUID } from "node:crypto";
import { getDb } from "@/db/client";
import { magicLinks } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { signAppJwt } from "@/lib/tokens/sign-app-jwt";
import { findUserById } from "@/lib/users/find-user";
import { urlOnOrigins } from "@/lib/urls";

/** Lifetime of a handoff token: long enough for one redirect and one exchange. */
export const HANDOFF_TTL_SECONDS = 120;

/** The app's callback URL when it lies on the app's own origins, else null (never redirect elsewhere). */
export function safeCallbackUrl(app: Pick<AppRow, "callbackUrl" | "origin" | "additionalOrigins">): URL | null {
  if (!app.callbackUrl) return null;
  if (!urlOnOrigins(app.callbackUrl, [app.origin, ...app.additionalOrigins])) return null;
  return new URL(app.callbackUrl);
}

/**
 * After a hosted sign-in, where the browser goes: the app's callback URL with
 * a fresh single-use `sct_oauth` token (a magic link of kind `oauth`, no
 * email, short-lived) that the app's SDK exchanges through PATCH
 * /magic_links/authenticate (spec §7.4). No session token ever travels in a
 * URL. Null when the app has no callback URL on its origins: the caller
 * shows the "signed in" page instead.
 */
export async function handoffUrl({ ctx, app, userId }: { ctx: Ctx; app: AppRow; userId: string }): Promise<string | null> {
  const target = safeCallbackUrl(app);
  if (!target) return null;
  const user = await findUserById(app.id, userId);
  if (!user) return null;
  const id = randomUUID();
  const db = await getDb();
  const signed = await signAppJwt(
    app,
    {
      type: "magic_link",
      ttlSeconds: HANDOFF_TTL_SECONDS,
      jti: id,
      claims: { uuid: user.id, user_status: user.status, webauthnEnabled: false, email: user.email, kind: "oauth" },
    },
    { now: ctx.now },
  );
  await db.insert(magicLinks).values({
    id,
    appId: app.id,
    appUserId: user.id,
    kind: "oauth",
    webauthnEnabled: false,
    expiresAt: signed.expiresAt,
    ip: ctx.ip,
    userAgent: ctx.userAgent ? ctx.userAgent.slice(0, 1024) : null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  target.searchParams.delete("sct_oauth");
  target.searchParams.set("sct_oauth", signed.token);
  return target.toString();
}
