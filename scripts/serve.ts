/**
 * The server entry behind `npm start` and `npm run dev`: validate the
 * configuration, migrate, bootstrap a fresh instance, then serve Next.js from
 * a plain node:http server. Owning the server lets us pass the socket address
 * to route handlers (for rate limits) in a header no client can forge.
 */
import { createServer } from "node:http";
import next from "next";
import { closeDb } from "../db/client";
import { markTesseraServer, PEER_HEADER } from "../lib/api/client-ip";
import { ensureDashboardApp } from "../lib/dashboard/dashboard-app";
import { bootstrapInstance, writeBootstrapFile } from "../lib/instance/bootstrap";
import { fail, loadEnv, lockDataDir, prepareDatabase } from "./prepare-database";

const mode = process.argv[2] === "dev" ? "dev" : "start";
// Next.js would otherwise report telemetry to a third-party host.
process.env.NEXT_TELEMETRY_DISABLED = "1";
const env = loadEnv();
// next-auth (dashboard sessions) builds its callback URLs from NEXTAUTH_URL.
process.env.NEXTAUTH_URL ??= `${env.baseUrl}/api/auth`;
const release = await lockDataDir(env, "this server");

const handle = await prepareDatabase(env);
const boot = await bootstrapInstance(handle.db);
if (boot) {
  const file = writeBootstrapFile(env.dataDir, boot);
  console.log(
    `\n[tessera] First start: created the default workspace ${boot.workspaceId}.\n` +
      `[tessera] Workspace API key (shown once, also saved to ${file}):\n\n    ${boot.workspaceApiKey}\n`,
  );
}
// The dashboard signs members in as users of its own app (lib/dashboard/dashboard-app.ts).
await ensureDashboardApp(handle.db);
// Route handlers open their own handle on first use; PGlite allows one opener.
await closeDb();

markTesseraServer();
const app = next({ dev: mode === "dev", dir: process.cwd(), hostname: env.hostname, port: env.port });
try {
  await app.prepare();
} catch (e) {
  fail(`Next.js could not start: ${e instanceof Error ? e.message : String(e)}${mode === "start" ? " (did you run `npm run build`?)" : ""}`);
}
const handleRequest = app.getRequestHandler();

const server = createServer((req, res) => {
  // Overwrite whatever the client sent: this header is ours alone.
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  void handleRequest(req, res);
});
server.keepAliveTimeout = 65_000;
server.requestTimeout = 30_000;
server.headersTimeout = 20_000;

server.listen(env.port, env.hostname, () => {
  console.log(
    `[tessera] ${mode === "dev" ? "development" : "production"} server on ${env.baseUrl} ` +
      `(listening ${env.hostname}:${env.port}; database: ${env.databaseUrl ? "Postgres" : `embedded, ${env.dataDir}`})`,
  );
  // Open the database now rather than on the first real request.
  void fetch(`http://127.0.0.1:${env.port}/v1/ready`).catch(() => {});
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`[tessera] ${signal}: finishing in-flight requests`);
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  server.close(async () => {
    await app.close().catch(() => {});
    // The in-process webhook worker (lib/webhooks/worker.ts) finishes its batch before the database closes.
    const worker = (globalThis as Record<symbol, { stop(): Promise<void> } | undefined>)[Symbol.for("tessera.webhook-worker")];
    await worker?.stop().catch(() => {});
    await closeDb().catch(() => {});
    await release().catch(() => {});
    process.exit(0);
  });
  server.closeIdleConnections();
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
