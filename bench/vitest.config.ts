// The bench's own unit tests (the root config excludes bench/**): npx vitest run --config bench/vitest.config.ts
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { environment: "node", include: ["bench/**/*.test.ts"], exclude: ["bench/peers/**"], testTimeout: 30_000 },
});
