/**
 * `npm run routes:gen`: scan app/v1/**\/route.ts and write lib/api/route-manifest.ts,
 * a static list of every /v1 route module with its OpenAPI path. The OpenAPI
 * document is built from that list, so a route cannot be left out of it.
 * Static imports (not a runtime directory walk) keep it working inside a
 * bundled Next.js server, where app/ no longer exists as source files.
 *
 * `--check` writes nothing and exits 1 when the committed manifest is stale.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const MANIFEST_FILE = "lib/api/route-manifest.ts";
const SCAN_DIR = "app/v1";

/** Code-unit order: the output must not depend on the machine's locale. */
const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Route files under app/v1, as repository-relative POSIX paths. */
export function scanRouteFiles(root = ROOT): string[] {
  const found: string[] = [];
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        // Next.js never routes private folders (`_x`); parallel slots (`@x`) hold no route handlers.
        if (entry.name.startsWith("_") || entry.name.startsWith("@") || entry.name === "node_modules") continue;
        walk(child);
      } else if (entry.isFile() && entry.name === "route.ts") {
        found.push(child);
      }
    }
  };
  if (existsSync(path.join(root, SCAN_DIR))) walk(SCAN_DIR);
  return found.sort(byCodeUnit);
}

/** `app/v1/apps/[app_id]/route.ts` → `/v1/apps/{app_id}` (route groups dropped, catch-alls named). */
export function routePathOf(file: string): string {
  const segments = file.split("/").slice(1, -1);
  const out: string[] = [];
  for (const segment of segments) {
    if (/^\(.*\)$/.test(segment)) continue;
    const dynamic = /^\[{1,2}(?:\.\.\.)?([^\]]+)\]{1,2}$/.exec(segment);
    out.push(dynamic?.[1] ? `{${dynamic[1]}}` : segment);
  }
  return `/${out.join("/")}`;
}

/** The manifest's source text for `files` (deterministic: sorted by path, then file). */
export function renderManifest(files: readonly string[]): string {
  const entries = files
    .map((file) => ({ file, path: routePathOf(file) }))
    .sort((a, b) => byCodeUnit(a.path, b.path) || byCodeUnit(a.file, b.file));
  const imports = entries.map((e, i) => `import * as r${i} from ${JSON.stringify(`@/${e.file.replace(/\.ts$/, "")}`)};`);
  const rows = entries.map(
    (e, i) => `  { path: ${JSON.stringify(e.path)}, file: ${JSON.stringify(e.file)}, module: r${i} },`,
  );
  return [
    "// GENERATED FILE — do not edit. Written by scripts/gen-route-manifest.ts from app/v1/**/route.ts;",
    "// regenerate with `npm run routes:gen` (build and test run it first).",
    ...imports,
    "",
    "export interface RouteManifestEntry {",
    "  /** OpenAPI path template, e.g. `/v1/apps/{app_id}`. */",
    "  readonly path: string;",
    "  /** Source file, relative to the repository root. */",
    "  readonly file: string;",
    "  /** The route module: its exported HTTP method handlers carry `.spec`. */",
    "  readonly module: Readonly<Record<string, unknown>>;",
    "}",
    "",
    `export const routeManifest: readonly RouteManifestEntry[] = [${rows.length ? "" : "];"}`,
    ...(rows.length ? [...rows, "];"] : []),
    "",
  ].join("\n");
}

/** Whether the manifest on disk matches what the route files say. */
export function manifestIsFresh(root = ROOT): boolean {
  const file = path.join(root, MANIFEST_FILE);
  return existsSync(file) && readFileSync(file, "utf8") === renderManifest(scanRouteFiles(root));
}

function main(argv: readonly string[]): number {
  const expected = renderManifest(scanRouteFiles());
  const target = path.join(ROOT, MANIFEST_FILE);
  const current = existsSync(target) ? readFileSync(target, "utf8") : null;
  if (argv.includes("--check")) {
    if (current === expected) return 0;
    console.error(`[tessera] ${MANIFEST_FILE} is stale: run \`npm run routes:gen\` and commit the result.`);
    return 1;
  }
  if (current !== expected) writeFileSync(target, expected);
  console.log(`[tessera] ${MANIFEST_FILE}: ${scanRouteFiles().length} route files${current === expected ? " (unchanged)" : ""}`);
  return 0;
}

const invokedPath = process.argv[1];
if (invokedPath && path.resolve(invokedPath) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
