/**
 * Workspace request and response shapes (spec §3.1, §3.3–3.7): the one zod
 * source for /v1/workspaces, the dashboard forms and the OpenAPI document.
 */
import { z } from "zod";
import { NewApiKey } from "@/lib/api-keys/schemas";
import { nullable, optional, zBool, zJsonObject, zText } from "@/lib/api/fields";
import { unwrap } from "@/lib/api/fields";
import { isUuid } from "@/lib/ids";
import { parseHttpUrl } from "@/lib/urls";

/** Largest `settings` object accepted, as serialised JSON (it is stored whole in jsonb). */
export const MAX_SETTINGS_BYTES = 16 * 1024;

/**
 * 1–64 lowercase letters, digits and dashes, not starting or ending with a
 * dash. A slug may never look like a uuid: `{id_or_slug}` path slots try both,
 * and a slug equal to another workspace's id would make that lookup ambiguous.
 */
export const workspaceSlug = z
  .string()
  .trim()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/, "1-64 lowercase letters, digits and dashes")
  .refine((s) => !isUuid(s), "must not be a uuid");

/** Logos are shown on hosted pages: https only (threats §3.8: no http, data: or javascript:). */
const logoUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => parseHttpUrl(v, { httpsOnly: true }) !== null, "must be an https URL");

const settings = zJsonObject(
  z
    .record(z.string(), z.unknown())
    .refine((v) => JSON.stringify(v).length <= MAX_SETTINGS_BYTES, `must be at most ${MAX_SETTINGS_BYTES} bytes of JSON`),
);

export const USER_INFO_REQUIREMENTS = ["none", "email", "full"] as const;

/** Path slot of every `/v1/workspaces/{…}` route: a uuid, or a slug where noted. */
export const WorkspaceParams = z.object({ workspace_id: z.string().min(1) });

/** POST /v1/workspaces (flat, `{ workspace: {…} }`, or form). */
export const CreateWorkspaceBody = z.preprocess(
  unwrap("workspace"),
  z.object({
    name: zText(256),
    slug: optional(workspaceSlug),
    logo_url: nullable(logoUrl),
  }),
);
export type CreateWorkspaceBodyInput = z.output<typeof CreateWorkspaceBody>;

/** Writable workspace settings; all optional. `is_pro`, `personal` and the parent are never writable here. */
export const UpdateWorkspaceFields = {
  name: optional(zText(256)),
  slug: optional(workspaceSlug),
  logo_url: nullable(logoUrl),
  settings: optional(settings),
  public_signup: optional(zBool()),
  user_info_requirement: optional(z.enum(USER_INFO_REQUIREMENTS)),
};

/** PATCH /v1/workspaces/{id} (flat, `{ workspace: {…} }`, or form). */
export const UpdateWorkspaceBody = z.preprocess(unwrap("workspace"), z.object(UpdateWorkspaceFields));
export type UpdateWorkspaceInput = z.output<typeof UpdateWorkspaceBody>;

/** The workspace object (spec §3.1). */
export const Workspace = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    personal: z.boolean(),
    membership: z
      .object({ role: z.enum(["owner", "admin", "member"]), created_at: z.string() })
      .optional()
      .describe("The caller's membership; absent for API-key callers."),
    settings: z.record(z.string(), z.unknown()),
    is_pro: z.boolean(),
    public_signup: z.boolean(),
    user_info_requirement: z.enum(USER_INFO_REQUIREMENTS),
    logo_url: z.string().nullable(),
    parent_workspace_id: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "Workspace", description: "A workspace (spec §3.1)." });
export type WorkspaceObject = z.output<typeof Workspace>;

export const WorkspaceResponse = z.object({ workspace: Workspace });
export const WorkspaceListResponse = z.object({ workspaces: z.array(Workspace) });

/**
 * POST /v1/workspaces: the new workspace; with a workspace key also its first
 * workspace key, whose token is shown only here (a member caller becomes the
 * owner instead and gets no key).
 */
export const CreateWorkspaceResponse = z.object({
  workspace: Workspace,
  api_key: NewApiKey.optional().describe("Only when called with a workspace key: the new workspace's first key."),
});
