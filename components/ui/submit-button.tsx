"use client";

import { useFormStatus } from "react-dom";
import { Button, type ButtonVariant } from "@/components/ui/button";

/** A submit button that is disabled and relabelled while its form is pending. */
export function SubmitButton({
  label,
  pendingLabel,
  variant = "primary",
  disabled,
  className,
}: {
  label: string;
  pendingLabel?: string;
  variant?: ButtonVariant;
  disabled?: boolean;
  className?: string;
}) {
  const { pending } = useFormStatus();
  return (
    <Button type="submit" variant={variant} disabled={pending || disabled} aria-busy={pending || undefined} className={className}>
      {pending ? (pendingLabel ?? label) : label}
    </Button>
  );
}
