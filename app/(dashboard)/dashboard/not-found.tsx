import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";

export default function NotFound() {
  return (
    <EmptyState
      title="Not found"
      body="It does not exist, was deleted, or belongs to a workspace you are not a member of."
      action={<ButtonLink href="/dashboard">Back to overview</ButtonLink>}
    />
  );
}
