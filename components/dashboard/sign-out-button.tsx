"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Ends the dashboard session (next-auth also revokes the Tessera session behind it). */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  return (
    <Button
      variant="ghost"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        await signOut({ callbackUrl: "/dashboard/sign-in" });
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </Button>
  );
}
