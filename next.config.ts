import type { NextConfig } from "next";

/**
 * Headers for every HTML page (hosted sign-in pages, /docs, the dashboard).
 * - Referrer-Policy no-referrer: hosted URLs carry one-time tokens
 *   (`sct_magic`), which must never leak to another site in a Referer.
 * - Framing refused (clickjacking on consent and sign-in pages).
 * API routes set their own headers in lib/api/route.ts.
 */
const PAGE_HEADERS = [
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Content-Security-Policy", value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its package folder at run time;
  // postgres.js is plain Node. Neither should be bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  poweredByHeader: false,
  // Parallel development servers (e.g. Playwright with E2E_DEV=1) each need their own build folder.
  distDir: process.env.TESSERA_NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
  async headers() {
    return [{ source: "/((?!v1/).*)", headers: PAGE_HEADERS }];
  },
};

export default nextConfig;
