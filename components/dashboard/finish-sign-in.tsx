"use client";

import Link from "next/link";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState } from "react";
import { FormMessage } from "@/components/ui/field";

const MESSAGES: Record<string, string> = {
  link_invalid: "That sign-in link was already used or has expired.",
  not_a_member: "This account is not a member of any workspace. Ask a workspace admin to invite you.",
  mfa_unsupported: "This account needs a second factor the dashboard cannot complete yet.",
};

/**
 * Hands the hosted flow's one-time token to next-auth (which exchanges it
 * server-side) and then opens the dashboard. The token is removed from the
 * address bar and history first; it is single-use, so the exchange runs once.
 */
export function FinishSignIn({ token }: { token: string | null }) {
  const started = useRef(false);
  const [error, setError] = useState<string | null>(token ? null : "link_invalid");

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    window.history.replaceState(null, "", "/dashboard/auth/callback");
    signIn("tessera", { token, redirect: false })
      .then((result) => {
        if (result?.ok && !result.error) window.location.replace("/dashboard");
        else setError(result?.error ?? "link_invalid");
      })
      .catch(() => setError("network"));
  }, [token]);

  if (!error) {
    return (
      <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
        <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-slate-300 border-t-indigo-600" />
        Checking your sign-in…
      </p>
    );
  }
  return (
    <>
      <FormMessage kind="error">{MESSAGES[error] ?? "We could not sign you in. Check your connection and try again."}</FormMessage>
      <Link href="/dashboard/sign-in" className="inline-block text-sm font-medium text-indigo-700 underline underline-offset-2">
        Back to sign-in
      </Link>
    </>
  );
}
