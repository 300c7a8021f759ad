/**
 * A refused request lands here: the dashboard session cookie is cleared (a
 * page cannot set cookies while rendering) and the browser goes to sign-in
 * with the reason. Clearing one's own session needs no CSRF protection.
 */
import { NextResponse } from "next/server";
import { sessionCookieName } from "@/lib/dashboard-auth/auth-options";
import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

const REASONS = new Set(["not_a_member", "session_ended"]);

export function GET(request: Request): Response {
  const reason = new URL(request.url).searchParams.get("reason") ?? "";
  const target = new URL("/dashboard/sign-in", getEnv().baseUrl);
  if (REASONS.has(reason)) target.searchParams.set("reason", reason);
  const response = NextResponse.redirect(target, 303);
  const name = sessionCookieName();
  response.cookies.set(name, "", { path: "/", maxAge: 0, httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure-") });
  return response;
}
