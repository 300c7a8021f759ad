import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { authProviders } from "@/db/schema";
import { OAuthButtons } from "@/components/hosted/oauth-buttons";
import { encryptSecret } from "@/lib/crypto";
import { translator } from "@/lib/i18n/translate";
import { listPublicOAuthProviders } from "@/lib/oauth/list-public-providers";
import { createTenant } from "@/test/harness";

describe("listPublicOAuthProviders and the hosted OAuth buttons", () => {
  it("lists only the app's enabled providers, without credentials, and renders a button per provider", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const db = await getDb();
    const row = (appId: string, slug: string, name: string, enabled = true, issuer: string | null = null) => ({
      appId,
      slug,
      name,
      issuer,
      enabled,
      clientId: `id-${slug}`,
      clientSecretSealed: encryptSecret(`secret-${slug}`, "auth_provider"),
    });
    await db.insert(authProviders).values([
      row(t.app.id, "github", "GitHub"),
      row(t.app.id, "google", "Google", false),
      row(t.app.id, "corp", "Corp <SSO>", true, "https://sso.example.com"),
      row(other.app.id, "apple", "Apple"),
    ]);
    const listed = await listPublicOAuthProviders(t.app.id);
    expect(listed).toEqual([
      { provider: "corp", name: "Corp <SSO>", icon: null, color: "#374151" },
      { provider: "github", name: "GitHub", icon: null, color: "#24292F" },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/secret|id-github/);

    const html = renderToStaticMarkup((await OAuthButtons({ app: t.app, t: translator("en"), color: "#112233" })) ?? createElement("i"));
    expect(html).toContain(`href="/v1/auth/${t.app.publicId}/oauth/authorize?provider=github&amp;hosted=1"`);
    expect(html).toContain("Continue with GitHub");
    expect(html).toContain("Continue with Corp &lt;SSO&gt;");
    expect(html).not.toContain("Google");
    const es = renderToStaticMarkup((await OAuthButtons({ app: t.app, t: translator("es"), color: "#112233" })) ?? createElement("i"));
    expect(es).toContain("Continuar con GitHub");

    const empty = await createTenant();
    expect(await OAuthButtons({ app: empty.app, t: translator("en"), color: "#112233" })).toBeNull();
  });
});
