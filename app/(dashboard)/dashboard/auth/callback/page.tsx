import type { Metadata } from "next";
import { AuthCard } from "@/components/dashboard/auth-card";
import { FinishSignIn } from "@/components/dashboard/finish-sign-in";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Signing in", robots: { index: false }, referrer: "no-referrer" };

/**
 * Where the hosted sign-in hands over (the dashboard app's callback_url). The
 * one-time `sct_oauth` token is exchanged by next-auth server-side; the page
 * itself only forwards it.
 */
export default async function CallbackPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { sct_oauth } = await searchParams;
  return (
    <AuthCard title="Signing you in…" description="One moment while we finish signing you in.">
      <FinishSignIn token={typeof sct_oauth === "string" ? sct_oauth : null} />
    </AuthCard>
  );
}
