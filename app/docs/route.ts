/**
 * /docs: the interactive reference of /v1/openapi.json, rendered by Scalar.
 * Everything the page loads comes from this server: the Scalar bundle from
 * /docs/scalar.js, system fonts instead of Scalar's font CDN, and Scalar's
 * hosted extras (AI agent, MCP, developer tools, telemetry, request proxy)
 * switched off. The Content-Security-Policy makes the browser enforce it.
 */
import { createHash } from "node:crypto";
import { ApiReference } from "@scalar/nextjs-api-reference";
import { scalarBundleUrl } from "@/app/docs/scalar-bundle";
import { getEnv } from "@/lib/env";

interface Page {
  html: string;
  csp: string;
}

async function render(): Promise<Page> {
  const configuration = {
    url: "/v1/openapi.json",
    cdn: await scalarBundleUrl(),
    pageTitle: "Tessera API reference",
    // Scalar's defaults would reach its servers: Inter from fonts.scalar.com, the "Ask AI" agent and
    // MCP panel (on by default for localhost), the developer toolbar (share/deploy) and telemetry.
    withDefaultFonts: false,
    agent: { disabled: true },
    mcp: { disabled: true },
    showDeveloperTools: "never" as const,
    telemetry: false,
    hideClientButton: true,
    // "" = send test requests straight to the server, never through proxy.scalar.com.
    proxyUrl: "",
    documentDownloadType: "json" as const,
    persistAuth: false,
  };
  const html = await ApiReference(configuration)().text();
  // The handler's one inline script (Scalar.createApiReference(...)) is allowed by its hash, nothing else.
  const inline = [...html.matchAll(/<script type="text\/javascript">([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? "");
  const hashes = inline.map((s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`);
  const api = new URL(getEnv().baseUrl).origin;
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${hashes.join(" ")}`.trim(),
    // Scalar injects its stylesheet and inline styles at run time.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // The "Test request" panel calls the API (the document's server, normally this origin).
    `connect-src 'self' ${api}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
  return { html, csp };
}

let page: Promise<Page> | undefined;

export async function GET(): Promise<Response> {
  page ??= render().catch((error: unknown) => {
    page = undefined;
    throw error;
  });
  const { html, csp } = await page;
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Content-Security-Policy": csp,
      "Referrer-Policy": "no-referrer",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
