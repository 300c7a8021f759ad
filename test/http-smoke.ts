/**
 * The Foundation issue's "Done when", over real HTTP against a production
 * server (`npm run build` first): first start bootstraps a workspace key;
 * with it an app is created; its public config and JWKS are served without a
 * credential; the JWKS verifies a token signed with the app's stored key;
 * errors follow the contract; the OpenAPI document lists every route; a
 * restart creates nothing new.
 *
 *   npx tsx test/http-smoke.ts                      # embedded PGlite
 *   npx tsx test/http-smoke.ts --postgres <url>     # a fresh database on that server
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { createLocalJWKSet, createRemoteJWKSet, importPKCS8, jwtVerify, SignJWT } from "jose";
import postgres from "postgres";
import type { Smoke } from "./smoke/types";

/** Area smoke files under test/smoke/, run in this order against the same server. */
const SMOKE_AREAS: string[] = ["users"];

const args = process.argv.slice(2);
const adminUrl = args[0] === "--postgres" ? args[1] : undefined;
const engine = adminUrl ? "postgres" : "pglite";
const dataDir = mkdtempSync(path.join(tmpdir(), "tessera-smoke-"));
let passed = 0;
let failed = 0;

function check(name: string, ok: boolean, detail = ""): void {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "  ok  " : "  FAIL"} ${name}${ok || !detail ? "" : ` — ${detail}`}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === "object" && addr ? resolve(addr.port) : reject(new Error("no port"))));
    });
  });
}

let databaseUrl: string | undefined;
let dbName: string | undefined;
if (adminUrl) {
  dbName = `tessera_smoke_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${dbName}`;
  databaseUrl = u.toString();
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(port),
  HOSTNAME: "127.0.0.1",
  TESSERA_DATA_DIR: dataDir,
  TESSERA_BASE_URL: `http://localhost:${port}`,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
};
delete env.DATABASE_URL;
if (databaseUrl) env.DATABASE_URL = databaseUrl;

async function startServer(): Promise<{ child: ChildProcess; output: () => string }> {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/serve.ts", "start"], { env, stdio: "pipe" });
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${out}`);
    try {
      const r = await fetch(`${base}/v1/ready`);
      if (r.status === 200) return { child, output: () => out };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not become ready:\n${out}`);
}

async function stopServer(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.kill("SIGTERM");
  return exited;
}

async function req(
  method: string,
  p: string,
  opts: { key?: string; body?: string | FormData; type?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.key) headers.authorization = `Bearer ${opts.key}`;
  if (typeof opts.body === "string") headers["content-type"] = opts.type ?? "application/json";
  const res = await fetch(`${base}${p}`, { method, headers, body: opts.body });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    // keep text
  }
  return { status: res.status, json, text, headers: res.headers };
}

/** Every route file under app/v1 with its exported methods, as OpenAPI paths. */
function routeTable(): { path: string; methods: string[] }[] {
  const out: { path: string; methods: string[] }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name === "route.ts") {
        const src = readFileSync(full, "utf8");
        const methods = [...src.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] ?? "");
        const rel = path.relative("app", path.dirname(full)).split(path.sep).join("/");
        out.push({ path: `/${rel.replace(/\[([^\]]+)\]/g, "{$1}")}`, methods });
      }
    }
  };
  walk(path.join("app", "v1"));
  return out;
}

/** Issue 3's done-when over HTTP: links, codes, polling, sessions and refresh rotation. */
async function signInFlows(key: string, app: string): Promise<void> {
  const jwks = createRemoteJWKSet(new URL(`${base}/v1/auth/${app}/jwks`));
  const outbox = async () => (await req("GET", `/v1/apps/${app}/outbox`, { key })).json?.messages ?? [];
  const post = (p: string, body: unknown, headers?: Record<string, string>) =>
    req("POST", `/v1/auth/${app}${p}`, { body: JSON.stringify(body), headers });

  const sent = await post("/magic_links/login", { identifier: "ada@example.com" });
  const linkId = sent.json?.magic_link?.id;
  check("send a login link → magic_link.id", sent.status === 200 && typeof linkId === "string", sent.text);
  const pending = await post("/magic_links/status", { id: linkId });
  check("cross-device poll before use → 202", pending.status === 202, pending.text);
  const mail = (await outbox())[0];
  const link: string = (mail?.links ?? []).find((l: string) => l.includes("sct_magic=")) ?? "";
  check("the outbox API holds the link", link !== "", JSON.stringify(mail));
  const token = new URL(link || "http://x").searchParams.get("sct_magic") ?? "";
  const auth = await req("PATCH", `/v1/auth/${app}/magic_links/authenticate`, { body: JSON.stringify({ token }) });
  check("authenticate → token payload", auth.status === 200 && typeof auth.json?.access === "string", auth.text);
  try {
    const { payload } = await jwtVerify(auth.json?.access ?? "", jwks, { algorithms: ["RS256"] });
    check(
      "the access token verifies against the JWKS with uuid, aid, uid, exp",
      typeof payload.uuid === "string" && payload.aid === app && typeof payload.uid === "string" && typeof payload.exp === "number",
    );
  } catch (e) {
    check("the access token verifies against the JWKS with uuid, aid, uid, exp", false, String(e));
  }
  const again = await req("PATCH", `/v1/auth/${app}/magic_links/authenticate`, { body: JSON.stringify({ token }) });
  check("the link works once", again.status === 404 && again.json?.error === "Magic link not found or expired", again.text);
  const me = await req("GET", `/v1/auth/${app}/current_user`, { headers: { "x-authorization": auth.json?.access ?? "" } });
  check("current_user returns the user", me.status === 200 && me.json?.user?.email === "ada@example.com", me.text);
  const polled = await post("/magic_links/status", { id: linkId });
  check("the polling device then gets its own tokens", polled.status === 200 && polled.json?.message === "ok" && !!polled.json?.access, polled.text);
  const polledAgain = await post("/magic_links/status", { id: linkId });
  check("…once (then 404)", polledAgain.status === 404, polledAgain.text);

  const rotated = await req("POST", `/v1/auth/${app}/tokens/refresh`, { headers: { "x-refresh-token": auth.json?.refresh ?? "" } });
  check("refresh rotates the refresh token", rotated.status === 200 && !!rotated.json?.refresh && rotated.json.refresh !== auth.json?.refresh, rotated.text);
  const reused = await req("POST", `/v1/auth/${app}/tokens/refresh`, { headers: { "x-refresh-token": auth.json?.refresh ?? "" } });
  check("reusing the old refresh token → 401", reused.status === 401, reused.text);
  const afterReuse = await req("GET", `/v1/auth/${app}/current_user`, { headers: { "x-authorization": rotated.json?.access ?? "" } });
  check("…and the session is revoked", afterReuse.status === 401, afterReuse.text);

  const sms = await post("/otps/login", { identifier: "+1 415 555 0123" });
  const smsCode = (await outbox()).find((m: any) => m.channel === "sms")?.code;
  const smsOk = await post("/otps/verify", { otp: smsCode, user_id: sms.json?.user_id });
  check("an SMS code signs in", sms.status === 200 && smsOk.status === 200 && !!smsOk.json?.access, `${sms.text} ${smsOk.text}`);

  const patched = await req("PATCH", `/v1/apps/${app}`, { key, body: JSON.stringify({ email_auth_type: "otp" }) });
  const email = await post("/otps/login", { identifier: "grace@example.com" });
  const emailCode = (await outbox()).find((m: any) => m.channel === "email" && m.to === "grace@example.com")?.code;
  const wrong = await post("/otps/verify", { otp: emailCode === "000000" ? "111111" : "000000", user_id: email.json?.user_id });
  check("a wrong code → 422 with remaining_attempts", wrong.status === 422 && wrong.json?.remaining_attempts === 2, wrong.text);
  const emailOk = await post("/otps/verify", { otp: emailCode, user_id: email.json?.user_id });
  check("an email code signs in", patched.status === 200 && emailOk.status === 200 && !!emailOk.json?.access, `${email.text} ${emailOk.text}`);
}

console.log(`HTTP smoke on ${engine} (${base})`);
let server = await startServer();
let appPublicId = "";
let jwks: any = null;
try {
  const bootFile = path.join(dataDir, "bootstrap.json");
  const boot = JSON.parse(readFileSync(bootFile, "utf8"));
  check("bootstrap.json holds a workspace key", /^scwor_[A-Za-z0-9]{32,}$/.test(boot.workspace_api_key));
  check("bootstrap.json is mode 0600", (statSync(bootFile).mode & 0o777) === 0o600);
  check("the key is printed once on the console", server.output().includes(boot.workspace_api_key));
  const key: string = boot.workspace_api_key;

  const noSecret = await req("POST", "/v1/apps", { body: JSON.stringify({ name: "x", origin: "https://a.test" }) });
  check(
    "no secret → 401 with string error and error_code",
    noSecret.status === 401 && typeof noSecret.json?.error === "string" && Boolean(noSecret.json?.error_code),
    noSecret.text,
  );
  const malformed = await req("POST", "/v1/apps", { key, body: '{"name": "x", ' });
  check("malformed JSON → 400", malformed.status === 400 && malformed.json?.error_code === "invalid_json", malformed.text);
  const invalid = await req("POST", "/v1/apps", { key, body: JSON.stringify({ name: "x", origin: "javascript:alert(1)" }) });
  check("invalid origin → 4xx, never 500", invalid.status >= 400 && invalid.status < 500, invalid.text);

  const created = await req("POST", "/v1/apps", {
    key,
    body: JSON.stringify({ name: "Smoke app", origin: "http://localhost:5173" }),
  });
  appPublicId = created.json?.app?.id ?? "";
  check("POST /v1/apps creates an app", created.status === 200 && /^app_[A-Za-z0-9]{20}$/.test(appPublicId), created.text);

  const pub = await req("GET", `/v1/apps/${appPublicId}`);
  check("GET /v1/apps/{id} without credential → bare public config", pub.status === 200 && pub.json?.id === appPublicId, pub.text);

  const jw = await req("GET", `/v1/auth/${appPublicId}/jwks`);
  jwks = jw.json;
  check("GET /v1/auth/{id}/jwks → an RSA key", jw.status === 200 && jwks?.keys?.[0]?.kty === "RSA", jw.text);
  const wk = await req("GET", `/v1/auth/${appPublicId}/.well-known/jwks.json`);
  check("/.well-known/jwks.json serves the same keys", wk.status === 200 && wk.json?.keys?.[0]?.kid === jwks?.keys?.[0]?.kid, wk.text);

  const doc = await req("GET", "/v1/openapi.json");
  const missing: string[] = [];
  for (const r of routeTable()) {
    for (const m of r.methods) if (!doc.json?.paths?.[r.path]?.[m.toLowerCase()]) missing.push(`${m} ${r.path}`);
  }
  check("GET /v1/openapi.json lists every route", doc.status === 200 && missing.length === 0, `missing: ${missing.join(", ")}`);
  const docs = await req("GET", "/docs");
  check("GET /docs renders the API reference", docs.status === 200 && docs.headers.get("content-type")?.includes("text/html") === true);

  await signInFlows(key, appPublicId);
  // Later issues' done-when, one file per area (test/smoke/<area>.ts).
  for (const area of SMOKE_AREAS) {
    console.log(`-- ${area}`);
    const mod = (await import(`./smoke/${area}.ts`)) as { default: (s: Smoke) => Promise<void> };
    await mod.default({ base, engine, key, app: appPublicId, check, req });
  }
} finally {
  const code = await stopServer(server.child);
  check("SIGTERM stops the server cleanly", code === 0, `exit code ${code}`);
}

// A second start creates nothing.
server = await startServer();
try {
  check("a restart does not bootstrap again", !server.output().includes("First start"));
} finally {
  await stopServer(server.child);
}

// The served JWKS verifies a token signed with the app's stored private key.
{
  process.env.TESSERA_DATA_DIR = dataDir;
  process.env.TESSERA_BASE_URL = `http://localhost:${port}`;
  if (databaseUrl) process.env.DATABASE_URL = databaseUrl;
  else delete process.env.DATABASE_URL;
  const { getDb, closeDb } = await import("../db/client");
  const { apps, signingKeys } = await import("../db/schema");
  const { decryptSecret } = await import("../lib/crypto");
  const { SIGNING_KEY_PURPOSE } = await import("../lib/signing-keys/create-signing-key");
  const db = await getDb();
  const [row] = await db
    .select({ kid: signingKeys.kid, sealed: signingKeys.privateKeySealed })
    .from(signingKeys)
    .innerJoin(apps, eq(apps.id, signingKeys.appId))
    .where(and(eq(apps.publicId, appPublicId), eq(signingKeys.status, "active")));
  await closeDb();
  if (!row || !jwks) {
    check("the JWKS verifies a token signed by the app's key", false, "no key row or no JWKS");
  } else {
    const pk = await importPKCS8(decryptSecret(row.sealed, SIGNING_KEY_PURPOSE), "RS256");
    const token = await new SignJWT({ uuid: "00000000-0000-4000-8000-000000000000", aid: appPublicId })
      .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: row.kid })
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(pk);
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { algorithms: ["RS256"] });
      check("the JWKS verifies a token signed by the app's key", payload.aid === appPublicId);
    } catch (e) {
      check("the JWKS verifies a token signed by the app's key", false, String(e));
    }
  }
}

if (adminUrl && dbName) {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
rmSync(dataDir, { recursive: true, force: true });
console.log(`smoke: ${passed} passed, ${failed} failed`);
if (process.env.TESSERA_TEST_SUMMARY_FILE) appendFileSync(process.env.TESSERA_TEST_SUMMARY_FILE, `${passed} ${failed} 0\n`);
process.exit(failed === 0 ? 0 : 1);
