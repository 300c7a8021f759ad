"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `value` to the clipboard and says so (politely announced). */
export function CopyButton({ value, label = "Copy" }: { value: string; label?: string }) {
  const [copied, setCopied] = useState<"idle" | "done" | "failed">("idle");
  return (
    <Button
      variant="secondary"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(value);
          setCopied("done");
        } catch {
          setCopied("failed");
        }
        setTimeout(() => setCopied("idle"), 2000);
      }}
    >
      <span aria-live="polite">{copied === "done" ? "Copied" : copied === "failed" ? "Copy failed — select the text" : label}</span>
    </Button>
  );
}
