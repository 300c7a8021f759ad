import { describe, expect, it } from "vitest";
import { retryDelayMs } from "@/lib/webhooks/retry-schedule";

describe("retryDelayMs", () => {
  it("follows 1 min, 5 min, 30 min, 2 h… at base 60 s, within ±10 % jitter", () => {
    const minutes = [1, 5, 30, 120, 300, 600, 900, 1440, 1440, 1440];
    minutes.forEach((m, i) => {
      expect(retryDelayMs(i + 1, 60, () => 0)).toBe(Math.round(m * 60_000 * 0.9));
      expect(retryDelayMs(i + 1, 60, () => 0.999999)).toBeLessThanOrEqual(Math.round(m * 60_000 * 1.1));
    });
    expect(retryDelayMs(25, 60, () => 0.5)).toBe(1440 * 60_000);
  });

  it("always grows between consecutive retries, whatever the jitter, up to the 24 h cap", () => {
    for (let n = 1; n < 8; n++) {
      expect(retryDelayMs(n + 1, 1, () => 0)).toBeGreaterThan(retryDelayMs(n, 1, () => 0.999999));
    }
  });

  it("scales with the base (tests run the schedule in fractions of a second)", () => {
    expect(retryDelayMs(1, 0.2, () => 0.5)).toBe(200);
  });
});
