import type { AttemptResult } from "@/lib/challenges/attempt-challenge-code";
import { AppError } from "@/lib/errors";

/**
 * The contract's error for an attempt that did not succeed (spec §8.2, §14.3):
 * wrong code → 422 `invalid_code` with `remaining_attempts`; the last wrong
 * try and any try after it → 422 `challenge_failed`; past expiry → 422
 * `challenge_expired`; a closed challenge → 422 `invalid_code`.
 */
export function attemptError(result: Exclude<AttemptResult, { outcome: "correct" }>): AppError {
  switch (result.outcome) {
    case "wrong":
      return result.remainingAttempts > 0
        ? new AppError({ code: "invalid_code", extra: { remaining_attempts: result.remainingAttempts } })
        : new AppError({ code: "challenge_failed", extra: { remaining_attempts: 0 } });
    case "failed":
      return new AppError({ code: "challenge_failed", extra: { remaining_attempts: 0 } });
    case "expired":
      return new AppError("challenge_expired");
    case "closed":
      return new AppError("invalid_code");
  }
}
