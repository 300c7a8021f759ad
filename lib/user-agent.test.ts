import { describe, expect, it } from "vitest";
import { summarizeUserAgent } from "@/lib/user-agent";

describe("summarizeUserAgent", () => {
  it("summarises common browsers", () => {
    expect(
      summarizeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
      ),
    ).toEqual({ displayName: "Chrome on macOS", browser: "Chrome 124", platform: "macOS" });
    expect(
      summarizeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"),
    ).toEqual({ displayName: "Safari on iOS", browser: "Safari 17", platform: "iOS" });
    expect(summarizeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0")).toEqual({
      displayName: "Firefox on Windows",
      browser: "Firefox 125",
      platform: "Windows",
    });
  });
  it("gives nulls for absent, unknown or oversized input", () => {
    const empty = { displayName: null, browser: null, platform: null };
    expect(summarizeUserAgent(null)).toEqual(empty);
    expect(summarizeUserAgent("")).toEqual(empty);
    expect(summarizeUserAgent("x".repeat(5000))).toEqual(empty);
    expect(JSON.stringify(summarizeUserAgent("curl/8.5.0"))).not.toContain("undefined");
  });
});
