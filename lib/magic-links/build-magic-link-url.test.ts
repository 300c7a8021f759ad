import { describe, expect, it } from "vitest";
import { buildMagicLinkUrl } from "@/lib/magic-links/build-magic-link-url";

const app = { publicId: "app_AAAAAAAAAAAAAAAAAAAA", loginUrl: null, origin: "https://app.test", passkeysEnabled: true };

describe("buildMagicLinkUrl", () => {
  it("uses login_url, else origin, keeping login_url's query and fragment", () => {
    expect(buildMagicLinkUrl(app, "a.b.c", { webauthnEnabled: true })).toBe("https://app.test/?sct_magic=a.b.c");
    expect(buildMagicLinkUrl({ ...app, loginUrl: "https://app.test/in?x=1&y=a%20b#top" }, "a.b.c", { webauthnEnabled: true })).toBe(
      "https://app.test/in?x=1&y=a+b&sct_magic=a.b.c#top",
    );
  });

  it("adds sct_sk=true when the browser lacks passkeys or the app has them off (and only then)", () => {
    expect(buildMagicLinkUrl(app, "t", { webauthnEnabled: false })).toBe("https://app.test/?sct_magic=t&sct_sk=true");
    expect(buildMagicLinkUrl({ ...app, passkeysEnabled: false }, "t", { webauthnEnabled: true })).toContain("sct_sk=true");
    expect(buildMagicLinkUrl({ ...app, loginUrl: "https://app.test/?sct_sk=true&sct_magic=old" }, "t", { webauthnEnabled: true })).toBe(
      "https://app.test/?sct_magic=t",
    );
  });

  it("points at the hosted landing page on the instance's base URL when asked", () => {
    expect(buildMagicLinkUrl(app, "t", { webauthnEnabled: true, landing: "hosted" })).toBe(
      "http://localhost:3999/magic/app_AAAAAAAAAAAAAAAAAAAA?sct_magic=t",
    );
  });
});
