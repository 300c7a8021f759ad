import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { selectedWorkspace } from "@/lib/tenancy";

/**
 * The workspace GET/POST /v1/apps act on (spec §4.2, §4.3): the key's own
 * workspace unless `X-Workspace` or `workspace_id` narrows it. Every selector
 * given must pass the tenant rules of `selectedWorkspace` (403
 * `workspace_mismatch` otherwise, T20); two selectors naming different
 * workspaces are ambiguous and refused rather than one silently winning.
 */
export async function selectAppsWorkspace(ctx: Ctx, selectors: (string | null | undefined)[]): Promise<string> {
  const given = [...new Set(selectors.map((s) => s?.trim()).filter((s): s is string => Boolean(s)))];
  if (given.length === 0) return selectedWorkspace(ctx, undefined);
  const resolved = new Set<string>();
  for (const selector of given) resolved.add(await selectedWorkspace(ctx, selector));
  const [only, ...others] = resolved;
  if (!only || others.length > 0) {
    throw new AppError({ code: "bad_request", message: "X-Workspace and workspace_id name different workspaces" });
  }
  return only;
}
