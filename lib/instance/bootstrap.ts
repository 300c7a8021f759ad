/**
 * First start: against an empty database, create the default workspace and
 * one workspace API key, exactly once even when several instances start
 * together (the `bootstrap` row is claimed first, inside the transaction).
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { instanceState } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { systemCtx } from "@/lib/context";
import { instanceSecretFingerprint } from "@/lib/crypto";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

export interface BootstrapResult {
  workspaceId: string;
  workspaceApiKey: string;
}

/** Create the default workspace and key if this database has never been bootstrapped. */
export async function bootstrapInstance(db: Db): Promise<BootstrapResult | null> {
  const ctx = systemCtx("bootstrap");
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .insert(instanceState)
      .values({ key: "bootstrap", value: { at: ctx.now.toISOString() } })
      .onConflictDoNothing()
      .returning();
    if (!claimed) return null;
    const workspace = await createWorkspace({ ctx, input: { name: "Default workspace", slug: "default" } }, tx);
    const { token } = await createApiKey(
      { ctx, input: { kind: "workspace", workspaceId: workspace.id, nickname: "bootstrap" } },
      tx,
    );
    await tx
      .update(instanceState)
      .set({ value: { at: ctx.now.toISOString(), workspace_id: workspace.id } })
      .where(eq(instanceState.key, "bootstrap"));
    return { workspaceId: workspace.id, workspaceApiKey: token };
  });
}

/** Write `<dataDir>/bootstrap.json` (mode 0600) with the first workspace key. */
export function writeBootstrapFile(dataDir: string, result: BootstrapResult): string {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, "bootstrap.json");
  writeFileSync(
    file,
    `${JSON.stringify({ workspace_id: result.workspaceId, workspace_api_key: result.workspaceApiKey }, null, 2)}\n`,
    { mode: 0o600 },
  );
  chmodSync(file, 0o600);
  return file;
}

export class SecretMismatchError extends Error {
  constructor() {
    super(
      "TESSERA_SECRET does not match the secret this database was initialised with. Every instance sharing a database must use the same TESSERA_SECRET (signing keys are encrypted with it).",
    );
    this.name = "SecretMismatchError";
  }
}

/**
 * Remember a fingerprint of the instance secret on first start and refuse to
 * run with a different one: it could not decrypt the stored signing keys.
 */
export async function checkSecretFingerprint(db: Db): Promise<void> {
  const fingerprint = instanceSecretFingerprint();
  await db.insert(instanceState).values({ key: "secret_fingerprint", value: { fingerprint } }).onConflictDoNothing();
  const [row] = await db.select().from(instanceState).where(eq(instanceState.key, "secret_fingerprint")).limit(1);
  if (row?.value.fingerprint !== fingerprint) throw new SecretMismatchError();
}
