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

/** JSON call to this server's API with the bootstrap workspace key. */
export async function adminApi<T = Record<string, unknown>>(
  baseURL: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, baseURL), {
    method,
    headers: { authorization: `Bearer ${bootstrapKey()}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
}

export interface OutboxMessage {
  to: string;
  template: string;
  links: string[];
  code: string | null;
  created_at: string;
}

/** The newest outbox message of `appId` sent to `to`, waiting briefly for it to appear. */
export async function latestMessage(baseURL: string, appId: string, to: string): Promise<OutboxMessage> {
  for (let i = 0; i < 50; i++) {
    const { body } = await adminApi<{ messages?: OutboxMessage[] }>(baseURL, "GET", `/v1/apps/${appId}/outbox?limit=20`);
    const found = body.messages?.find((m) => m.to.toLowerCase() === to.toLowerCase());
    if (found) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no outbox message to ${to}`);
}
