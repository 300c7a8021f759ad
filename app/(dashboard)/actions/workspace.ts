"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { requireMember } from "@/lib/dashboard-auth/current-member";
import { SESSION_MAX_AGE_SECONDS } from "@/lib/dashboard-auth/auth-options";
import { WORKSPACE_COOKIE, membershipOf } from "@/lib/dashboard-ui/workspace";

/** Remember the workspace picked in the switcher (only one the member belongs to), then show its overview. */
export async function switchWorkspace(formData: FormData): Promise<void> {
  const signedIn = await requireMember();
  const id = formData.get("workspace_id");
  if (typeof id === "string") {
    const membership = membershipOf(signedIn, id, "read");
    (await cookies()).set(WORKSPACE_COOKIE, membership.workspaceId, {
      path: "/dashboard",
      httpOnly: true,
      sameSite: "lax",
      maxAge: SESSION_MAX_AGE_SECONDS * 60,
    });
  }
  redirect("/dashboard");
}
