/**
 * Risk of a completed verification (spec §15.1 `risk`): a score 0–100 from a
 * few simple, documented signals, each with a fixed weight:
 * - `new_ip` (25): the recipient never completed a verification from this IP;
 * - `new_device` (20): nor from this browser/OS pair;
 * - `velocity` (30): more than 3 verifications to this contact in the last hour;
 * - `disposable_email` (40): the contact's email domain is a known throwaway one.
 * Level: < 30 low, < 60 medium, else high; recommendation allow / review / deny.
 * The first verification of a contact is not penalised for being new (no
 * history means nothing to compare with), so only `velocity` and
 * `disposable_email` apply to it.
 */
export type RiskSignal = "new_ip" | "new_device" | "velocity" | "disposable_email";

export interface Risk {
  score: number;
  level: "low" | "medium" | "high";
  signals: RiskSignal[];
  recommendation: "allow" | "review" | "deny";
}

export const RISK_WEIGHTS: Record<RiskSignal, number> = { new_ip: 25, new_device: 20, velocity: 30, disposable_email: 40 };

/** More verifications than this to one contact within an hour raise `velocity`. */
export const VELOCITY_THRESHOLD = 3;

const DISPOSABLE_DOMAINS = new Set([
  "mailinator.com",
  "guerrillamail.com",
  "10minutemail.com",
  "tempmail.com",
  "temp-mail.org",
  "yopmail.com",
  "trashmail.com",
  "sharklasers.com",
  "getnada.com",
  "dispostable.com",
  "maildrop.cc",
  "throwawaymail.com",
]);

export function isDisposableEmail(identifier: string): boolean {
  const at = identifier.lastIndexOf("@");
  if (at < 0) return false;
  const domain = identifier.slice(at + 1).toLowerCase();
  return DISPOSABLE_DOMAINS.has(domain) || [...DISPOSABLE_DOMAINS].some((d) => domain.endsWith(`.${d}`));
}

export interface RiskFacts {
  identifier: string;
  /** Whether the contact completed any verification before. */
  hasHistory: boolean;
  ipSeenBefore: boolean;
  deviceSeenBefore: boolean;
  /** Verifications created for the contact in the last hour (this one included). */
  recentCount: number;
}

/** The signals present in `facts`, in a stable order. */
export function riskSignals(facts: RiskFacts): RiskSignal[] {
  const signals: RiskSignal[] = [];
  if (facts.hasHistory && !facts.ipSeenBefore) signals.push("new_ip");
  if (facts.hasHistory && !facts.deviceSeenBefore) signals.push("new_device");
  if (facts.recentCount > VELOCITY_THRESHOLD) signals.push("velocity");
  if (isDisposableEmail(facts.identifier)) signals.push("disposable_email");
  return signals;
}

export function computeRisk(facts: RiskFacts): Risk {
  const signals = riskSignals(facts);
  const score = Math.min(100, signals.reduce((sum, s) => sum + RISK_WEIGHTS[s], 0));
  const level = score < 30 ? "low" : score < 60 ? "medium" : "high";
  const recommendation = level === "low" ? "allow" : level === "medium" ? "review" : "deny";
  return { score, level, signals, recommendation };
}
