/**
 * A short, human summary of a User-Agent header for session lists (spec §2.5):
 * `{ displayName: "Chrome on macOS", browser: "Chrome 124", platform: "macOS" }`.
 * Parsing is best effort (bowser); unknown parts are null, never an error.
 */
import Bowser from "bowser";

export interface UserAgentSummary {
  /** "Chrome on macOS", "Safari", "macOS"; null when nothing is recognised. */
  displayName: string | null;
  /** Browser name and major version, e.g. "Chrome 124". */
  browser: string | null;
  /** Operating system, e.g. "macOS", "Windows", "iOS". */
  platform: string | null;
}

/** Headers longer than this are not parsed (no real browser sends one). */
const MAX_UA_LENGTH = 1024;

const EMPTY: UserAgentSummary = { displayName: null, browser: null, platform: null };

/** Summarise `ua` for display; null, empty or unparseable input gives all-null parts. */
export function summarizeUserAgent(ua: string | null | undefined): UserAgentSummary {
  if (!ua || ua.length > MAX_UA_LENGTH) return EMPTY;
  let parsed: Bowser.Parser.ParsedResult;
  try {
    parsed = Bowser.parse(ua);
  } catch {
    return EMPTY;
  }
  const name = parsed.browser.name?.trim() || null;
  const major = parsed.browser.version?.split(".")[0]?.trim() || null;
  const browser = name ? (major ? `${name} ${major}` : name) : null;
  const platform = parsed.os.name?.trim() || null;
  const displayName = name && platform ? `${name} on ${platform}` : (name ?? platform);
  return { displayName, browser, platform };
}
