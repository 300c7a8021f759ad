/** Request and response shapes of the admin users API (spec §12.4–12.10, §12.12, §12.13, §1.7). */
import { z } from "zod";
import { nullable, optional, unwrap, zBool, zJsonObject, zText } from "@/lib/api/fields";
import { UserSessionSchema } from "@/lib/sessions/schemas";
import { UserMetaInput } from "@/lib/users/schemas";

/** Largest page (spec §1.7); bigger `limit`/`per_page` values are clamped to it. */
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 25;
/** Deepest page served: past it OFFSET scans get slow and no UI pages that far (threats §3.12). */
export const MAX_PAGE = 100_000;

const MAX_AUTHZ_BYTES = 8 * 1024;

export const AdminUsersParams = z.object({ app_id: z.string() });
export const AdminUserParams = z.object({ app_id: z.string(), id: z.string() });
export const AdminUserSessionParams = z.object({ app_id: z.string(), id: z.string(), session_id: z.string() });

/**
 * A positive integer from a query string. Anything else (0, -1, 1.5, `abc`,
 * a repeated parameter) becomes NaN, which zod reports as a type error: 400
 * `bad_request`, not 422 (threats §3.12).
 */
const positiveInt = (max: number) =>
  z.preprocess((v) => {
    const n = typeof v === "string" && /^\d{1,12}$/.test(v.trim()) ? Number(v.trim()) : typeof v === "number" ? v : Number.NaN;
    return Number.isSafeInteger(n) && n >= 1 && n <= max ? n : Number.NaN;
  }, z.number().int());

/** Page sizes above the maximum are clamped, not refused (issue 5); below 1 they are malformed. */
const pageSizeParam = () =>
  optional(positiveInt(Number.MAX_SAFE_INTEGER).transform((n) => Math.min(n, MAX_PER_PAGE))).describe(
    `Page size, 1 or more; values above ${MAX_PER_PAGE} are clamped (default ${DEFAULT_PER_PAGE})`,
  );

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Whether `s` is an ISO-8601 date or date-time whose fields exist (no `2024-02-30`, no `2024-13-01`). */
export function isIsoDateTime(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return false;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) return false;
  return !Number.isNaN(Date.parse(/[T ]/.test(s) ? s.replace(" ", "T") : `${s}T00:00:00Z`));
}

/** An ISO date/time string; anything else is a type error (400). */
const isoParam = () =>
  z.preprocess((v) => (typeof v === "string" && isIsoDateTime(v.trim()) ? v.trim() : Number.NaN), z.string());

/** Status filter: a union of literals, so that an unknown value is malformed input (400). */
const StatusParam = z.union([z.literal("active"), z.literal("pending"), z.literal("inactive"), z.literal("imported")]);

export const ListUsersQuery = z.object({
  id: optional(z.string().max(100)).describe("Exact app user id"),
  email: optional(z.string().max(320)).describe("Exact email, case-insensitive"),
  phone: optional(z.string().max(64)).describe("Exact phone (compared in E.164)"),
  external_id: optional(z.string().max(255)).describe("Exact external id"),
  status: optional(StatusParam),
  created_before: optional(isoParam()).describe("ISO-8601 date or date-time: users created strictly before it"),
  search: optional(z.string().max(200)).describe("Fuzzy match on names, email and phone (trigram), ranked by relevance"),
  q: optional(z.string().max(200)).describe("Synonym of `search`"),
  page: optional(positiveInt(MAX_PAGE)).describe(`1-based page, at most ${MAX_PAGE} (default 1)`),
  limit: pageSizeParam(),
  per_page: pageSizeParam(),
});
export type ListUsersQuery = z.output<typeof ListUsersQuery>;

const UserData = z
  .looseObject({
    id: z.string(),
    status: z.enum(["active", "pending", "inactive", "imported"]),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    meta: z.record(z.string(), z.unknown()),
    user_meta: z.record(z.string(), z.unknown()),
    sessions: z.array(UserSessionSchema),
    external_id: z.string().nullable(),
    name: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "AdminUserData", description: "The full user (spec §2.4, `ScuteUserData`) with `authz_attributes`." });

export const UserListResponse = z.object({
  users: z.array(UserData),
  total_pages: z.number().int(),
  current_page: z.number().int(),
  next_page: z.number().int().nullable(),
  prev_page: z.number().int().nullable(),
  per_page: z.number().int(),
  total_count: z.number().int(),
});

export const AdminUserResponse = z.object({ user: UserData });
export const AdminUserWithMetaErrorsResponse = z.object({
  user: UserData,
  user_meta_errors: z.record(z.string(), z.array(z.string())),
});
export const AdminSessionListResponse = z.array(UserSessionSchema);

const NameField = () => nullable(zText(256));

/** Free-form authorization attributes (spec §12.7): an object (or JSON string), at most 8 KiB. */
const AuthzAttributes = zJsonObject(
  z
    .record(z.string().max(64), z.unknown())
    .refine((m) => JSON.stringify(m).length <= MAX_AUTHZ_BYTES, `must be at most ${MAX_AUTHZ_BYTES} bytes as JSON`),
).describe("Free-form object, stored and echoed");

const WorkspaceRole = z.enum(["admin", "member"]);

export const AdminCreateUserBody = z.preprocess(
  unwrap("user"),
  z.object({
    email: optional(z.string().max(320)),
    phone: optional(z.string().max(64)),
    identifier: optional(z.string().max(320)).describe("Legacy: an email or an E.164 phone"),
    first_name: NameField(),
    middle_name: NameField(),
    last_name: NameField(),
    external_id: nullable(zText(255)),
    user_meta: optional(UserMetaInput),
    authz_attributes: optional(AuthzAttributes),
    status: optional(z.enum(["active", "inactive"])).describe("Default active"),
    send_invite: optional(zBool()).describe("Also email an invitation link (spec §7.6)"),
    add_as_workspace_member: optional(zBool()).describe("Also make the user a member of the app's workspace (workspace key only)"),
    workspace_role: optional(WorkspaceRole).describe("Role of that membership (default member)"),
  }),
);
export type AdminCreateUserBody = z.output<typeof AdminCreateUserBody>;

export const AdminUpdateUserBody = z.preprocess(
  unwrap("user"),
  z.object({
    email: nullable(z.string().max(320)),
    phone: nullable(z.string().max(64)),
    first_name: NameField(),
    middle_name: NameField(),
    last_name: NameField(),
    name: NameField().describe("Full name: first word → first_name, the rest → last_name"),
    external_id: nullable(zText(255)),
    user_meta: optional(UserMetaInput.nullable()).describe(
      "Declared meta keys only (else 422 user_meta_invalid); PATCH merges, PUT replaces",
    ),
    authz_attributes: optional(AuthzAttributes.nullable()),
  }),
);
export type AdminUpdateUserBody = z.output<typeof AdminUpdateUserBody>;

export const InviteUserBody = z.preprocess(
  unwrap("user"),
  z.object({
    identifier: optional(z.string().max(320)).describe("The invitee's email (required unless `email` is given)"),
    email: optional(z.string().max(320)).describe("Synonym of `identifier`"),
    user_meta: optional(UserMetaInput),
  }),
);
