import { type Executor, getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { slugify, suffixed } from "@/lib/slug";
import type { WorkspaceRow } from "@/lib/tenancy";

export interface CreateWorkspaceInput {
  name: string;
  /** Explicit slug: 409 `slug_taken` if used. Without one, a free slug is derived from the name. */
  slug?: string;
  logoUrl?: string | null;
  parentWorkspaceId?: string | null;
  personal?: boolean;
}

/** Create a workspace (and record `workspace.created`) in the caller's transaction or a new one. */
export async function createWorkspace(
  { ctx, input }: { ctx: Ctx; input: CreateWorkspaceInput },
  db?: Executor,
): Promise<WorkspaceRow> {
  const exec = db ?? (await getDb());
  const base = input.slug ?? slugify(input.name);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug = attempt === 0 ? base : suffixed(base);
    const [row] = await exec
      .insert(workspaces)
      .values({
        name: input.name,
        slug,
        logoUrl: input.logoUrl ?? null,
        parentWorkspaceId: input.parentWorkspaceId ?? null,
        personal: input.personal ?? false,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing({ target: workspaces.slug })
      .returning();
    if (row) {
      await recordEvent(exec, ctx, { workspaceId: row.id, slug: "workspace.created", params: { name: row.name, slug: row.slug } });
      return row;
    }
    if (input.slug) throw new AppError("slug_taken");
  }
  throw new AppError({ code: "conflict", message: "Could not find a free slug; pass one explicitly" });
}
