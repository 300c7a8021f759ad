"use client";

import { useEffect, useState } from "react";

export type PollOutcome = { status: "pending" } | { status: "done"; url: string } | { status: "gone" };

/**
 * Asks the server every 2 s whether the emailed link was used (on any
 * device); once it was, goes where the server says (the app's callback with
 * a handoff token, or the "signed in" page).
 */
export function PollSignIn({ poll, waitingText, goneText }: { poll: () => Promise<PollOutcome>; waitingText: string; goneText: string }) {
  const [gone, setGone] = useState(false);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      let outcome: PollOutcome = { status: "pending" };
      try {
        outcome = await poll();
      } catch {
        // A network hiccup: try again on the next tick.
      }
      if (stopped) return;
      if (outcome.status === "done") {
        stopped = true;
        window.location.assign(outcome.url);
        return;
      }
      if (outcome.status === "gone") {
        setGone(true);
        return;
      }
      timer = setTimeout(tick, 2000);
    };
    timer = setTimeout(tick, 2000);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [poll]);
  return (
    <p role="status" aria-live="polite" className="mt-6 text-sm text-slate-600">
      {gone ? goneText : waitingText}
    </p>
  );
}
