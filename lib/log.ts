/**
 * Minimal structured logger. Secrets never reach logs: every line passes
 * through `redact`, which masks API keys, M2M tokens and JWTs wherever they
 * appear (messages, error texts, stack traces).
 */
import { getEnv } from "@/lib/env";

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
type Level = Exclude<keyof typeof LEVELS, "silent">;

const SECRET_PATTERNS: RegExp[] = [
  // No leading word boundary: a secret glued to other text (`key_scwor_…`,
  // `Bearer%20scapp_…` in a logged URL) must be masked too.
  /(scapp_|scwor_|scm2m_)[A-Za-z0-9_-]{4,}/g,
  /eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g,
];

export function redact(text: string): string {
  let out = text;
  for (const re of SECRET_PATTERNS) out = out.replace(re, (m) => `${m.slice(0, 6)}…[redacted]`);
  return out;
}

function currentLevel(): number {
  try {
    return LEVELS[getEnv().logLevel];
  } catch {
    return LEVELS.info;
  }
}

/** The logger runs on error paths: it must never throw (circular objects, BigInt). */
function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

function write(level: Level, msg: string, fields?: Record<string, unknown>): void {
  if (LEVELS[level] < currentLevel()) return;
  const parts = [`[tessera] ${level}: ${msg}`];
  if (fields) {
    for (const [k, v] of Object.entries(fields)) {
      if (v === undefined) continue;
      const text = v instanceof Error ? (v.stack ?? v.message) : typeof v === "string" ? v : safeStringify(v);
      parts.push(`${k}=${text}`);
    }
  }
  const line = redact(parts.join(" "));
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

export const log = {
  debug: (msg: string, fields?: Record<string, unknown>) => write("debug", msg, fields),
  info: (msg: string, fields?: Record<string, unknown>) => write("info", msg, fields),
  warn: (msg: string, fields?: Record<string, unknown>) => write("warn", msg, fields),
  error: (msg: string, fields?: Record<string, unknown>) => write("error", msg, fields),
};
