import { describe, expect, it } from "vitest";
import { fillTemplate, isAllowedRedirect, redirectTargetOf, withScuteToken } from "@/lib/verifications/redirect";

const app = { origin: "https://app.example.com", additionalOrigins: ["http://localhost:4000"], verificationRedirectUrlTemplate: null };

/** The bypass list of the issue (threats §3.8). */
const BYPASSES = [
  "//evil.com",
  "/\\evil.com",
  "https:evil.com",
  "https:/evil.com",
  "https://app.example.com@evil.com",
  "https://app@evil.com/",
  "https://app.example.com.evil.com/x",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,hi",
  "https://evil.com%2f@app.example.com",
  "https://app.example.com%2f%2fevil.com",
  "https://app.example.com/%2f%2fevil.com",
  "https://app.example.com\\@evil.com",
  " https://app.example.com/",
  "https://app.example.com/\nx",
  "/relative/path",
  "http://app.example.com/",
];

describe("verification redirects", () => {
  it("accepts URLs on the app's origins", () => {
    expect(isAllowedRedirect("https://app.example.com/done?x=1", app)).toBe(true);
    expect(isAllowedRedirect("https://app.example.com", app)).toBe(true);
    expect(isAllowedRedirect("http://localhost:4000/cb#frag", app)).toBe(true);
  });

  it.each(BYPASSES)("refuses %j", (raw) => {
    expect(isAllowedRedirect(raw, app)).toBe(false);
  });

  it("fills placeholders from meta_data, URL-encoded; unknown keys become empty", () => {
    expect(fillTemplate("https://app.example.com/t/{ticket_id}?c={contact_id}&n={nope}", { ticket_id: "1 2/3", contact_id: 7 })).toBe(
      "https://app.example.com/t/1%202%2F3?c=7&n=",
    );
  });

  it("re-checks the filled template and the stored URL at redirect time", () => {
    const templated = { ...app, verificationRedirectUrlTemplate: "https://app.example.com/t/{ticket_id}" };
    expect(redirectTargetOf({ redirectUrl: null, metaData: { ticket_id: "9" } }, templated)).toBe("https://app.example.com/t/9");
    const moved = { ...app, origin: "https://other.example.com" };
    expect(redirectTargetOf({ redirectUrl: "https://app.example.com/x", metaData: {} }, moved)).toBeNull();
    const evilTemplate = { ...app, verificationRedirectUrlTemplate: "{host}/x" };
    expect(redirectTargetOf({ redirectUrl: null, metaData: { host: "https://evil.com" } }, evilTemplate)).toBeNull();
    expect(redirectTargetOf({ redirectUrl: null, metaData: {} }, app)).toBeNull();
  });

  it("appends scute_token before the fragment", () => {
    expect(withScuteToken("https://app.example.com/x?a=1#f", "t.o.k")).toBe("https://app.example.com/x?a=1&scute_token=t.o.k#f");
  });
});
