import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadScalarBundle } from "./scalar-bundle";
import { GET as getBundle } from "./scalar.js/route";
import { GET } from "./route";

/** The configuration object the page passes to Scalar.createApiReference. */
function scalarConfig(html: string): any {
  const script = /<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  const json = /Scalar\.createApiReference\('#app', ([\s\S]*)\)\s*$/.exec(script.trim())?.[1];
  if (!json) throw new Error(`no createApiReference call in: ${script}`);
  return JSON.parse(json);
}

describe("GET /docs", () => {
  it("renders Scalar from our own origin, with no third-party host anywhere in the page", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await res.text();
    const { version } = await loadScalarBundle();
    expect(html).toContain(`<script src="/docs/scalar.js?v=${version}">`);
    expect(html.match(/\b(?:https?:)?\/\/[a-z0-9.-]+/gi) ?? []).toEqual([]);

    const config = scalarConfig(html);
    expect(config).toMatchObject({
      url: "/v1/openapi.json",
      withDefaultFonts: false,
      agent: { disabled: true },
      mcp: { disabled: true },
      showDeveloperTools: "never",
      telemetry: false,
      proxyUrl: "",
    });
  });

  it("sends a CSP that allows only this origin and the page's own inline script", async () => {
    const res = await GET();
    const html = await res.text();
    const csp = res.headers.get("content-security-policy") ?? "";
    const directives = Object.fromEntries(
      csp.split(";").map((d) => {
        const [name = "", ...values] = d.trim().split(/\s+/);
        return [name, values];
      }),
    );
    expect(directives["default-src"]).toEqual(["'none'"]);
    const inline = /<script type="text\/javascript">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    const hash = createHash("sha256").update(inline).digest("base64");
    expect(directives["script-src"]).toEqual(["'self'", `'sha256-${hash}'`]);
    expect(directives["font-src"]).toEqual(["'self'", "data:"]);
    expect(directives["connect-src"]).toEqual(["'self'", "http://localhost:3999"]);
    for (const [name, values] of Object.entries(directives)) {
      for (const v of values as string[]) expect(v, `${name} ${v}`).not.toMatch(/scalar|jsdelivr|\*/);
    }
  });
});

describe("GET /docs/scalar.js", () => {
  it("serves the standalone bundle, cached for good under its versioned URL", async () => {
    const { version, body } = await loadScalarBundle();
    const res = await getBundle(new Request(`http://localhost:3999/docs/scalar.js?v=${version}`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("etag")).toBe(`"${version}"`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes.byteLength).toBe(body.byteLength);
    const js = new TextDecoder().decode(bytes);
    expect(js).toContain("createApiReference");
    expect(js).not.toMatch(/sourceMappingURL/);
  });

  it("caches briefly under any other URL and answers 304 to a matching ETag", async () => {
    const { version } = await loadScalarBundle();
    const stale = await getBundle(new Request("http://localhost:3999/docs/scalar.js?v=old"));
    expect(stale.headers.get("cache-control")).toBe("public, max-age=300");
    const again = await getBundle(
      new Request(`http://localhost:3999/docs/scalar.js?v=${version}`, { headers: { "if-none-match": `"${version}"` } }),
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });
});
