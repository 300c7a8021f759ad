/**
 * next-auth holds the dashboard session; Tessera itself is the identity
 * provider ("eating our own cooking"): the dashboard is a Tessera app, members
 * sign in through our hosted pages, and the one-time `sct_oauth` token the
 * hosted flow hands to the dashboard's callback is exchanged here, server-side,
 * through the same verb as PATCH /v1/auth/{app_id}/magic_links/authenticate.
 *
 * The session cookie is a next-auth JWE (encrypted, httpOnly): it carries the
 * member id and the dashboard app's access token, which never reaches the
 * browser in readable form and lets every request re-check membership.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { memberFromAccessToken } from "@/lib/dashboard/member-session";
import type { Ctx } from "@/lib/context";
import { getEnv, getInstanceSecret } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { authenticateMagicLink } from "@/lib/magic-links/authenticate-magic-link";
import { endDashboardSession } from "@/lib/dashboard-auth/end-session";

declare module "next-auth/jwt" {
  interface JWT {
    memberId?: string;
    /** The dashboard app's access JWT of this sign-in (server-side only: the cookie is encrypted). */
    access?: string;
  }
}

declare module "next-auth" {
  interface User {
    access: string;
  }
}

/** A dashboard sign-in lasts a working day at most; membership is re-checked on every request anyway. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** Error codes the sign-in page knows how to explain (next-auth passes `error` back verbatim). */
export const SIGN_IN_ERRORS = ["link_invalid", "not_a_member", "mfa_unsupported"] as const;
export type SignInError = (typeof SIGN_IN_ERRORS)[number];

export function sessionCookieName(): string {
  return getEnv().baseUrl.startsWith("https:") ? "__Secure-tessera.dashboard-session" : "tessera.dashboard-session";
}

/** next-auth's signing/encryption secret: derived from the instance secret, never the secret itself. */
export function dashboardAuthSecret(): string {
  return createHmac("sha256", getInstanceSecret()).update("tessera:dashboard:next-auth").digest("base64url");
}

function requestCtx(headers: Record<string, string | string[] | undefined> | undefined, now: Date): Ctx {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;
  return {
    requestId: randomUUID(),
    now,
    // The proxy-aware client IP needs a Request; next-auth hands us plain headers. Session rows only use it for display.
    ip: null,
    userAgent: one(headers?.["user-agent"]),
    actor: { type: "anonymous" },
  };
}

/**
 * Exchange the hosted flow's one-time token for a dashboard sign-in. Throws
 * Error(<SignInError>) so the sign-in page can say what went wrong; never
 * includes the token or any secret.
 */
export async function exchangeHandoffToken(token: string, headers?: Record<string, string | string[] | undefined>) {
  const ctx = requestCtx(headers, new Date());
  const app = await getDashboardApp();
  let access: string;
  try {
    const payload = await authenticateMagicLink({ ctx, input: { app, token } });
    if (typeof payload.access !== "string") throw new Error("mfa_unsupported" satisfies SignInError);
    access = payload.access;
  } catch (e) {
    if (isAppError(e)) throw new Error("link_invalid" satisfies SignInError);
    throw e;
  }
  try {
    const { member } = await memberFromAccessToken(access, ctx.now);
    return { id: member.id, email: member.email, name: member.name, access };
  } catch (e) {
    if (isAppError(e)) {
      // Close the session the exchange just opened: it grants nothing without a membership.
      await endDashboardSession(access).catch(() => undefined);
      log.info("dashboard sign-in refused", { code: e.code });
      throw new Error("not_a_member" satisfies SignInError);
    }
    throw e;
  }
}

let cached: NextAuthOptions | undefined;

/** The next-auth options (built lazily: importing this module needs no configured instance). */
export function getAuthOptions(): NextAuthOptions {
  if (cached) return cached;
  const secure = getEnv().baseUrl.startsWith("https:");
  cached = {
    secret: dashboardAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/dashboard/sign-in", error: "/dashboard/sign-in", signOut: "/dashboard/sign-in" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      CredentialsProvider({
        id: "tessera",
        name: "Tessera",
        credentials: { token: { label: "Sign-in token", type: "text" } },
        async authorize(credentials, req) {
          const token = credentials?.token;
          if (typeof token !== "string" || token.length === 0 || token.length > 8192) {
            throw new Error("link_invalid" satisfies SignInError);
          }
          return exchangeHandoffToken(token, req.headers);
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          token.memberId = user.id;
          token.access = user.access;
        }
        return token;
      },
      async session({ session, token }) {
        // What the browser may see (GET /api/auth/session): who is signed in, never the access token.
        return { expires: session.expires, user: { email: token.email ?? null, name: token.name ?? null } };
      },
      async redirect({ url, baseUrl }) {
        // Only ever redirect within the dashboard's own origin (threats: open redirects).
        if (url.startsWith("/")) return `${baseUrl}${url}`;
        try {
          if (new URL(url).origin === new URL(baseUrl).origin) return url;
        } catch {
          // fall through
        }
        return `${baseUrl}/dashboard`;
      },
    },
    events: {
      async signOut({ token }) {
        if (token.access) await endDashboardSession(token.access).catch(() => undefined);
      },
    },
    logger: {
      // next-auth logs credential errors with their stack; ours carry only a code.
      error: (code) => log.warn("next-auth error", { code }),
      warn: (code) => log.debug("next-auth warning", { code }),
      debug: () => undefined,
    },
  };
  return cached;
}
