import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/dashboard/auth-card";
import { buttonClasses } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/field";
import { currentMember } from "@/lib/dashboard-auth/current-member";
import { getDashboardApp } from "@/lib/dashboard/dashboard-app";
import { setupAvailable } from "@/lib/dashboard-ui/setup";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

/** What each refusal or failed exchange means to the person signing in (codes from lib/dashboard-auth). */
const MESSAGES: Record<string, string> = {
  not_a_member: "This account is not a member of any workspace. Ask a workspace admin to invite you.",
  session_ended: "Your session ended. Sign in again to continue.",
  link_invalid: "That sign-in link was already used or has expired. Start again.",
  mfa_unsupported: "This account needs a second factor the dashboard cannot complete yet.",
  signed_out: "You are signed out.",
};

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const found = await currentMember();
  if (!("refused" in found)) redirect("/dashboard");
  const { error, reason } = await searchParams;
  const code = typeof error === "string" ? error : typeof reason === "string" ? reason : null;
  const message = code ? (MESSAGES[code] ?? "Sign-in failed. Try again.") : null;
  const app = await getDashboardApp();
  const setup = await setupAvailable();
  return (
    <AuthCard title="Sign in to Tessera" description="Use your work email: we send a sign-in link, or use a passkey you added before.">
      {message ? <FormMessage kind="error">{message}</FormMessage> : null}
      <a href={`/login/${app.publicId}`} className={buttonClasses("primary", "mt-4 w-full py-2.5")}>
        Sign in
      </a>
      {setup ? (
        <p className="mt-6 text-center text-sm text-slate-600">
          First time here?{" "}
          <Link href="/dashboard/setup" className="font-medium text-indigo-700 underline underline-offset-2">
            Set up the owner account
          </Link>
        </p>
      ) : null}
    </AuthCard>
  );
}
