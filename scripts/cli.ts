/**
 * Operator CLI: `npm run cli -- <command> [options]`. Works on either engine;
 * on the embedded one it takes the data-folder lock and refuses while a
 * server holds it.
 */
import { parseArgs } from "node:util";
import { and, asc, eq, isNull, or } from "drizzle-orm";
import { closeDb } from "../db/client";
import { workspaces } from "../db/schema";
import { createApiKey } from "../lib/api-keys/create-api-key";
import { systemCtx } from "../lib/context";
import { isUuid } from "../lib/ids";
import { createWorkspace } from "../lib/workspaces/create-workspace";
import { fail, loadEnv, lockDataDir, prepareDatabase } from "./prepare-database";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  workspace:create --name <name> [--slug <slug>]   Create a workspace and its first workspace API key
  workspace:list                                   List workspaces
  key:create --workspace <id|slug> [--nickname n]  Create a workspace API key (printed once)
  help                                             Show this help
`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    name: { type: "string" },
    slug: { type: "string" },
    workspace: { type: "string" },
    nickname: { type: "string" },
  },
});
const command = positionals[0] ?? "help";
if (command === "help" || !["workspace:create", "workspace:list", "key:create"].includes(command)) {
  console.log(USAGE);
  process.exit(command === "help" ? 0 : 1);
}

const env = loadEnv();
const release = await lockDataDir(env, "the CLI");
const { db } = await prepareDatabase(env);
const ctx = systemCtx("cli");

try {
  if (command === "workspace:create") {
    const name = values.name?.trim();
    if (!name) fail("workspace:create needs --name");
    const result = await db.transaction(async (tx) => {
      const ws = await createWorkspace({ ctx, input: { name, slug: values.slug } }, tx);
      const key = await createApiKey({ ctx, input: { kind: "workspace", workspaceId: ws.id, nickname: "cli" } }, tx);
      return { ws, token: key.token };
    });
    console.log(JSON.stringify({ workspace_id: result.ws.id, slug: result.ws.slug, workspace_api_key: result.token }, null, 2));
  } else if (command === "workspace:list") {
    const rows = await db
      .select({ id: workspaces.id, name: workspaces.name, slug: workspaces.slug, parent: workspaces.parentWorkspaceId })
      .from(workspaces)
      .where(isNull(workspaces.deletedAt))
      .orderBy(asc(workspaces.createdAt));
    for (const r of rows) console.log(`${r.id}  ${r.slug}  ${r.name}${r.parent ? `  (child of ${r.parent})` : ""}`);
  } else {
    const ref = values.workspace?.trim();
    if (!ref) fail("key:create needs --workspace <id|slug>");
    const [ws] = await db
      .select()
      .from(workspaces)
      .where(and(isUuid(ref) ? or(eq(workspaces.id, ref), eq(workspaces.slug, ref)) : eq(workspaces.slug, ref), isNull(workspaces.deletedAt)))
      .limit(1);
    if (!ws) fail(`No workspace ${ref}`);
    const { token, row } = await createApiKey({
      ctx,
      input: { kind: "workspace", workspaceId: ws.id, nickname: values.nickname ?? "cli" },
    });
    console.log(JSON.stringify({ workspace_id: ws.id, api_key_id: row.id, workspace_api_key: token }, null, 2));
  }
} catch (e) {
  const message = e instanceof Error ? e.message : String(e);
  await closeDb();
  await release();
  fail(message);
}
await closeDb();
await release();
