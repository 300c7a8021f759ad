"use client";

import { Button } from "@/components/ui/button";

/** A page that failed to render: say so plainly and offer a retry (the cause is in the server log). */
export default function DashboardError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-white p-6">
      <h1 className="text-lg font-semibold text-red-800">This page could not be loaded</h1>
      <p className="mt-1 text-sm text-slate-600">
        Something went wrong on our side. Try again; if it keeps happening, quote this reference to your operator:{" "}
        <code className="rounded bg-slate-100 px-1">{error.digest ?? "n/a"}</code>
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
