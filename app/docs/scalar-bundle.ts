/**
 * Scalar's standalone browser bundle (@scalar/api-reference), served from our
 * own origin by /docs/scalar.js. The Scalar Next.js handler would load it from
 * a public CDN; a self-hosted instance may be offline and must not send its
 * visitors anywhere else.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

export const SCALAR_BUNDLE_ROUTE = "/docs/scalar.js";

// A literal path, so Next.js output tracing can see which file the server needs.
const BUNDLE_FILE = path.join(process.cwd(), "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js");

export interface ScalarBundle {
  body: Uint8Array<ArrayBuffer>;
  /** Content hash: the `?v=` of the bundle's URL and its ETag. */
  version: string;
}

let cached: Promise<ScalarBundle> | undefined;

export function loadScalarBundle(): Promise<ScalarBundle> {
  cached ??= readFile(BUNDLE_FILE, "utf8")
    .then((text) => {
      // The source map is not served; without the comment, devtools do not ask for it.
      const body = new TextEncoder().encode(text.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n"));
      return { body, version: createHash("sha256").update(body).digest("base64url").slice(0, 16) };
    })
    .catch((error: unknown) => {
      cached = undefined;
      throw error;
    });
  return cached;
}

/** The versioned URL the reference page loads (safe to cache for a year). */
export async function scalarBundleUrl(): Promise<string> {
  return `${SCALAR_BUNDLE_ROUTE}?v=${(await loadScalarBundle()).version}`;
}
