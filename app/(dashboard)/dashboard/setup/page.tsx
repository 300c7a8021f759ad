import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/dashboard/setup-form";
import { AuthCard } from "@/components/dashboard/auth-card";
import { setupAvailable } from "@/lib/dashboard-ui/setup";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Set up", robots: { index: false } };

export default async function SetupPage() {
  if (!(await setupAvailable())) redirect("/dashboard/sign-in");
  return (
    <AuthCard
      title="Set up the owner account"
      description="This instance has no owner yet. Paste the workspace key the server wrote to bootstrap.json on first start, and the email of the owner."
    >
      <SetupForm />
    </AuthCard>
  );
}
