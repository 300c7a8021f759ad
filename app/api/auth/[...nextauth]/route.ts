/** next-auth for dashboard sessions (sign-in exchange, CSRF, sign-out); options in lib/dashboard-auth. */
import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { getAuthOptions } from "@/lib/dashboard-auth/auth-options";

export const dynamic = "force-dynamic";

interface NextAuthContext {
  params: Promise<{ nextauth: string[] }>;
}

async function handler(request: NextRequest, context: NextAuthContext): Promise<Response> {
  const response: Response = await NextAuth(request, context, getAuthOptions());
  return response;
}

export { handler as GET, handler as POST };
