/**
 * End-to-end tests in real Chromium against a production build (`npm run
 * build` first). Debian's Chromium is used (Playwright cannot download its own
 * browser here); the server runs on the embedded database in a fresh folder.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3777);
/**
 * E2E_DEV=1 runs the specs against `next dev` instead of a production build
 * (pages compile on first visit), for iterating on one spec. Give each
 * parallel run its own E2E_PORT and TESSERA_NEXT_DIST_DIR (e.g. .next-oauth).
 */
const dev = process.env.E2E_DEV === "1";
const dataDir = process.env.E2E_DATA_DIR ?? mkdtempSync(path.join(tmpdir(), "tessera-e2e-"));
process.env.E2E_DATA_DIR = dataDir;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: dev ? 180_000 : 60_000,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  webServer: {
    // The console is also kept in <data dir>/server.log: the dashboard app lives in an internal
    // workspace no test key reaches, so its dev-outbox links are read from the outbox console lines.
    command: `node --import tsx scripts/serve.ts ${dev ? "dev" : "start"} 2>&1 | tee -a "${path.join(dataDir, "server.log")}"`,
    url: `http://127.0.0.1:${port}/v1/ready`,
    reuseExistingServer: false,
    timeout: dev ? 240_000 : 120_000,
    env: {
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NODE_ENV: dev ? "development" : "production",
      TESSERA_NEXT_DIST_DIR: process.env.TESSERA_NEXT_DIST_DIR ?? "",
      NEXT_TELEMETRY_DISABLED: "1",
      TESSERA_DATA_DIR: dataDir,
      TESSERA_BASE_URL: `http://localhost:${port}`,
      TESSERA_LOG_LEVEL: "warn",
      DATABASE_URL: "",
      // The first sign-in with this email owns the fresh instance (dashboard e2e).
      TESSERA_ADMIN_EMAIL: "owner@e2e.test",
    },
  },
});
