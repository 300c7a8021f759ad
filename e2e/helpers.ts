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

/**
 * The link of the newest dev-outbox email to `to`, from the server's console
 * lines (playwright.config.ts tees them to E2E_SERVER_LOG). For apps no test
 * key can reach, such as the dashboard app in its internal workspace.
 * `after` skips lines already present (pass the log size from before sending).
 */
export async function outboxLinkFromServerLog(to: string, after = 0): Promise<string> {
  const file = process.env.E2E_SERVER_LOG ?? path.join(process.env.E2E_DATA_DIR ?? "", "server.log");
  const prefix = `[tessera] outbox: email to ${to.toLowerCase()} `;
  for (let i = 0; i < 75; i++) {
    let text = "";
    try {
      text = readFileSync(file, "utf8").slice(after);
    } catch {
      // not written yet
    }
    const line = text
      .split("\n")
      .filter((l) => l.toLowerCase().startsWith(prefix))
      .at(-1);
    const link = line?.split(" — ").at(-1)?.trim();
    if (link?.startsWith("http")) return link;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no outbox line for ${to} in ${file}`);
}

/** The current size of the server log, to read only what comes after it. */
export function serverLogSize(): number {
  const file = process.env.E2E_SERVER_LOG ?? path.join(process.env.E2E_DATA_DIR ?? "", "server.log");
  try {
    return readFileSync(file, "utf8").length;
  } catch {
    return 0;
  }
}

/** An app API key (`scapp_…`) of `appId`, created with the bootstrap workspace key. */
export async function createAppKey(baseURL: string, appId: string): Promise<string> {
  const { status, body } = await adminApi<{ api_key: { token: string } }>(baseURL, "POST", `/v1/apps/${appId}/api_keys`, { nickname: "e2e" });
  if (status !== 200 && status !== 201) throw new Error(`api key: ${status} ${JSON.stringify(body)}`);
  return body.api_key.token;
}

/** The newest outbox message of `appId` to `to`, with its text (SMS links live there). */
export async function latestMessageWithText(baseURL: string, appId: string, to: string): Promise<OutboxMessage & { text: string | null }> {
  const msg = await latestMessage(baseURL, appId, to);
  return msg as OutboxMessage & { text: string | null };
}
