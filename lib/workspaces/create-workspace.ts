import { type Executor, getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { isUuid } from "@/lib/ids";
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
  // `{id_or_slug}` lookups try both, so a slug must never look like a uuid
  // (a name that is a uuid would otherwise slugify to one).
  if (input.slug !== undefined && isUuid(input.slug)) {
    throw new AppError({ code: "validation_failed", message: "slug must not be a uuid", errors: { slug: ["must not be a uuid"] } });
  }
  const derived = slugify(input.name);
  const base = input.slug ?? (isUuid(derived) ? `workspace-${derived}` : derived);
  const exec = db ?? (await getDb());
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
