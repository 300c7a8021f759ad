/** Workspace session shapes (spec §3.13). */
import { z } from "zod";
import { zText } from "@/lib/api/fields";

export const WorkspaceSessionParams = z.object({ workspace_id: z.string().min(1) });

export const WorkspaceSessionBody = z.object({
  app_id: zText(128).describe("The target app (public id `app_…`, or its internal id)"),
});
export type WorkspaceSessionInput = z.output<typeof WorkspaceSessionBody>;
