/**
 * Retry back-off (spec §16.5, threats R1): the n-th retry waits
 * `base × STEPS[n-1]` seconds (base = TESSERA_WEBHOOK_RETRY_BASE_SECONDS,
 * default 60: 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 15 h, then 24 h — after
 * the Standard Webhooks example schedule; the ten retries retry_limit allows
 * span about four days), times a random jitter in [0.9, 1.1) so failing
 * endpoints do not retry in lockstep. Until the 24 h cap each step is at least
 * 1.5× the previous, more than the jitter range, so gaps always grow.
 */
const STEPS = [1, 5, 30, 120, 300, 600, 900, 1440, 1440, 1440] as const;

export function retryDelayMs(retryNumber: number, baseSeconds: number, random: () => number = Math.random): number {
  const step = STEPS[Math.min(Math.max(retryNumber, 1), STEPS.length) - 1] ?? 1440;
  const jitter = 0.9 + 0.2 * random();
  return Math.round(baseSeconds * step * jitter * 1000);
}
