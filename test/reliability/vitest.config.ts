/**
 * `npm run test:reliability`: tests that run the real server as a child
 * process and kill it (test/reliability/harness.ts). Not part of `npm test`:
 * they need a production build (CI runs them after `npm run build`) and
 * Postgres (DATABASE_URL, the admin URL a fresh database is created on).
 * Files are named `*.reliability.ts` so `npm test` (which runs every `*.test.ts`)
 * leaves them out. One file at a time: each starts its own server processes.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  root,
  resolve: { alias: { "@": root } },
  test: {
    environment: "node",
    include: ["test/reliability/**/*.reliability.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 360_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
