import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import type { NewApiKeyObject } from "@/lib/api-keys/schemas";
import { toNewApiKey } from "@/lib/api-keys/serialize";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { createWorkspace } from "@/lib/workspaces/create-workspace";
import type { CreateWorkspaceBodyInput, WorkspaceObject } from "@/lib/workspaces/schemas";
import { toWorkspace } from "@/lib/workspaces/serialize";
import { workspaceKeyActor } from "@/lib/workspaces/workspace-key-actor";

export const FIRST_KEY_NICKNAME = "Initial workspace key";

export type CreatedWorkspace = { workspace: WorkspaceObject; api_key: NewApiKeyObject };

/**
 * POST /v1/workspaces with a workspace key: create a new top-level workspace
 * and its first workspace key in one transaction (both or neither).
 *
 * With an API key there is no member to make `owner` (spec §3.4), so the new
 * workspace is reachable only through the key returned here, shown once. The
 * new workspace is NOT a child of the caller's: the calling key does not reach
 * it. Keys of child workspaces may not create top-level workspaces (403): a
 * child's scope stays inside its parent's tree (threats T20).
 */
export async function createWorkspaceWithKey({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: CreateWorkspaceBodyInput;
}): Promise<CreatedWorkspace> {
  const actor = workspaceKeyActor(ctx);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [caller] = await tx
      .select({ parentWorkspaceId: workspaces.parentWorkspaceId })
      .from(workspaces)
      .where(eq(workspaces.id, actor.workspaceId))
      .limit(1);
    if (!caller || caller.parentWorkspaceId !== null) {
      throw new AppError({ code: "forbidden", message: "A child workspace's key cannot create top-level workspaces" });
    }
    const ws = await createWorkspace(
      { ctx, input: { name: input.name, slug: input.slug, logoUrl: input.logo_url ?? null } },
      tx,
    );
    const { row, token } = await createApiKey(
      { ctx, input: { kind: "workspace", workspaceId: ws.id, nickname: FIRST_KEY_NICKNAME } },
      tx,
    );
    return { workspace: toWorkspace(ws), api_key: toNewApiKey(row, token) };
  });
}
