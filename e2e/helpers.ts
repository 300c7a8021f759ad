import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

/** The workspace key written by the server's first start. */
export function bootstrapKey(): string {
  const dir = process.env.E2E_DATA_DIR;
  if (!dir) throw new Error("E2E_DATA_DIR is not set (playwright.config.ts sets it)");
  return JSON.parse(readFileSync(path.join(dir, "bootstrap.json"), "utf8")).workspace_api_key;
}

/** Record every request the page makes to a host other than this server. */
export function recordForeignRequests(page: Page): string[] {
  const foreign: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (!["localhost", "127.0.0.1"].includes(url.hostname) && !url.protocol.startsWith("data")) foreign.push(req.url());
  });
  return foreign;
}
