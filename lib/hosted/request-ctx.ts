import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { clientIp } from "@/lib/api/client-ip";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import type { Locale } from "@/lib/i18n/catalogs";
import { resolveLocale } from "@/lib/i18n/resolve-locale";
import { type Translator, translator } from "@/lib/i18n/translate";

/** The request facts a hosted page or server action works with (it has no `Request`). */
export interface HostedRequest {
  ctx: Ctx;
  /** A stand-in `Request` carrying the incoming headers (session user agent, client IP). */
  request: Request;
  acceptLanguage: string | null;
}

/** An anonymous `ctx` for a hosted page or server action, built from `headers()`. */
export async function hostedRequest(): Promise<HostedRequest> {
  const incoming = await headers();
  const request = new Request(getEnv().baseUrl, { headers: new Headers(incoming) });
  const ctx: Ctx = {
    requestId: incoming.get("x-request-id") ?? randomUUID(),
    now: new Date(),
    ip: clientIp(request),
    userAgent: incoming.get("user-agent"),
    actor: { type: "anonymous" },
  };
  return { ctx, request, acceptLanguage: incoming.get("accept-language") };
}

/** The page language: the app's `default_language`, then Accept-Language, then English. */
export async function hostedLocale(app: Pick<AppRow, "defaultLanguage"> | null): Promise<{ locale: Locale; t: Translator }> {
  const incoming = await headers();
  const locale = resolveLocale({ appDefault: app?.defaultLanguage, acceptLanguage: incoming.get("accept-language") });
  return { locale, t: translator(locale) };
}
