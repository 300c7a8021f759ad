import { describe, expect, it } from "vitest";
import { brandingOf } from "@/lib/hosted/branding";
import { safeCallbackUrl } from "@/lib/hosted/handoff";

const app = { origin: "https://app.example.com", additionalOrigins: ["https://www.example.com"] };

describe("safeCallbackUrl", () => {
  it("accepts a callback on the origin or an additional origin, keeping its query", () => {
    expect(safeCallbackUrl({ ...app, callbackUrl: "https://app.example.com/cb?x=1" })?.toString()).toBe("https://app.example.com/cb?x=1");
    expect(safeCallbackUrl({ ...app, callbackUrl: "https://www.example.com/cb" })?.toString()).toBe("https://www.example.com/cb");
  });

  it("refuses anything off the app's origins, and no callback at all", () => {
    for (const callbackUrl of [
      "https://evil.example.com/cb",
      "https://app.example.com.evil.com/cb",
      "http://app.example.com/cb",
      "https://app.example.com:8443/cb",
      "javascript:alert(1)",
      "//evil.com/cb",
      "https://user:pw@app.example.com/cb",
    ]) {
      expect(safeCallbackUrl({ ...app, callbackUrl }), callbackUrl).toBeNull();
    }
    expect(safeCallbackUrl({ ...app, callbackUrl: null })).toBeNull();
  });
});

describe("brandingOf", () => {
  it("uses the first colour and an http(s) logo", () => {
    expect(brandingOf({ name: "Acme", logo: "https://cdn.example.com/l.png", colors: ["#0f766e", "#fff"] })).toEqual({
      name: "Acme",
      logo: "https://cdn.example.com/l.png",
      color: "#0f766e",
    });
  });

  it("drops values unsafe for style or src", () => {
    const b = brandingOf({ name: "Acme", logo: "javascript:alert(1)", colors: ["red;background:url(x)"] });
    expect(b.logo).toBeNull();
    expect(b.color).toBe("#4f46e5");
  });
});
