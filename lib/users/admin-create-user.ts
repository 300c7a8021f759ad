import { and, eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { appUsers, baseUsers, members, memberships } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail, parseIdentifier, parsePhone } from "@/lib/identifiers/parse-identifier";
import { issueMagicLink } from "@/lib/magic-links/issue-magic-link";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { appForActor } from "@/lib/tenancy";
import type { AdminCreateUserBody } from "@/lib/users/admin-schemas";
import { conflictFrom } from "@/lib/users/admin-user-data";
import { findUserByIdentifier } from "@/lib/users/find-user";
import type { AppUserRow } from "@/lib/users/serialize";

export interface AdminCreateUserInput {
  appId: string;
  body: AdminCreateUserBody;
  acceptLanguage?: string | null;
}

/** The email and phone of a create request (spec §12.5): explicit fields, else the legacy `identifier`. */
export function resolveIdentifiers(body: Pick<AdminCreateUserBody, "email" | "phone" | "identifier">): {
  email: string | null;
  phone: string | null;
} {
  let email: string | null = null;
  let phone: string | null = null;
  if (body.email !== undefined) {
    email = parseEmail(body.email)?.value ?? null;
    if (!email) throw new AppError("invalid_email");
  }
  if (body.phone !== undefined) {
    phone = parsePhone(body.phone);
    if (!phone) throw new AppError("invalid_phone");
  }
  if (!email && !phone && body.identifier !== undefined) {
    const id = parseIdentifier(body.identifier);
    if (!id) throw new AppError("invalid_identifier");
    if (id.kind === "email") email = id.value;
    else phone = id.value;
  }
  if (!email && !phone) throw new AppError({ code: "bad_request", message: "Give an email or a phone (or an identifier)" });
  return { email, phone };
}

/** 409 when another user of the app already has this email, phone or external id. */
export async function assertAvailable(
  tx: Executor,
  appId: string,
  wanted: { email?: string | null; phone?: string | null; externalId?: string | null },
  exceptUserId?: string,
): Promise<void> {
  const other = (u: AppUserRow | null) => u !== null && u.id !== exceptUserId;
  if (wanted.email && other(await findUserByIdentifier(appId, { kind: "email", value: wanted.email, normalized: wanted.email.toLowerCase() }, tx))) {
    throw new AppError("identifier_taken");
  }
  if (wanted.phone && other(await findUserByIdentifier(appId, { kind: "phone", value: wanted.phone, normalized: wanted.phone }, tx))) {
    throw new AppError("identifier_taken");
  }
  if (wanted.externalId) {
    const [row] = await tx
      .select({ id: appUsers.id })
      .from(appUsers)
      .where(and(eq(appUsers.appId, appId), eq(appUsers.externalId, wanted.externalId)))
      .limit(1);
    if (row && row.id !== exceptUserId) throw new AppError("external_id_taken");
  }
}

/**
 * The workspace-level base user for a new app user, keyed by its email (else
 * its phone). Only that one identifier is written: the other may belong to
 * another base user of the workspace.
 */
async function baseUserFor(tx: Executor, ctx: Ctx, app: AppRow, email: string | null, phone: string | null): Promise<string> {
  const byEmail = email !== null;
  await tx
    .insert(baseUsers)
    .values({ workspaceId: app.workspaceId, email: byEmail ? email : null, phone: byEmail ? null : phone, createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing();
  const [base] = await tx
    .select({ id: baseUsers.id })
    .from(baseUsers)
    .where(
      byEmail
        ? and(eq(baseUsers.workspaceId, app.workspaceId), sql`lower(${baseUsers.email}) = ${email.toLowerCase()}`)
        : and(eq(baseUsers.workspaceId, app.workspaceId), eq(baseUsers.phone, phone ?? "")),
    )
    .limit(1);
  if (!base) throw new Error("base user upsert returned nothing");
  return base.id;
}

/** Make `email` a member of the app's workspace (idempotent; an existing membership keeps its role). */
async function addWorkspaceMember(tx: Executor, ctx: Ctx, app: AppRow, email: string, role: "admin" | "member"): Promise<void> {
  await tx.insert(members).values({ email, createdAt: ctx.now, updatedAt: ctx.now }).onConflictDoNothing();
  const [member] = await tx
    .select({ id: members.id })
    .from(members)
    .where(sql`lower(${members.email}) = ${email.toLowerCase()}`)
    .limit(1);
  if (!member) throw new Error("member upsert returned nothing");
  const [created] = await tx
    .insert(memberships)
    .values({ workspaceId: app.workspaceId, memberId: member.id, role, status: "active", createdAt: ctx.now, updatedAt: ctx.now })
    .onConflictDoNothing()
    .returning({ id: memberships.id });
  if (created) {
    await recordEvent(tx, ctx, {
      workspaceId: app.workspaceId,
      appId: app.id,
      slug: "membership.created",
      params: { membership_id: created.id, member_id: member.id, role, via: "user_create" },
    });
  }
}

/**
 * Create a user with the full form (spec §12.5): `active` unless `status:
 * inactive`, unverified, names, external id, meta (valid keys stored, others
 * reported in `user_meta_errors`, as §12.2) and authorization attributes.
 * `send_invite` emails an invitation link (§7.6, completed by §7.5).
 * `add_as_workspace_member` makes the email a workspace member: only with a
 * workspace key (an app key must not mint workspace members), never as owner.
 * Duplicate email/phone → 409 identifier_taken; duplicate external id → 409
 * external_id_taken (also when a concurrent request wins the race).
 */
export async function adminCreateUser({ ctx, input }: { ctx: Ctx; input: AdminCreateUserInput }): Promise<{
  app: AppRow;
  user: AppUserRow;
  userMetaErrors: Record<string, string[]>;
}> {
  const app = await appForActor(ctx, input.appId);
  const { body } = input;
  const { email, phone } = resolveIdentifiers(body);
  const status = body.status ?? "active";
  if ((body.send_invite || body.add_as_workspace_member) && !email) throw new AppError("email_required");
  if (body.send_invite && status === "inactive") {
    throw new AppError({ code: "validation_failed", message: "An inactive user cannot be invited", errors: { send_invite: ["is not allowed with status inactive"] } });
  }
  if (body.add_as_workspace_member && !(ctx.actor.type === "apiKey" && ctx.actor.keyKind === "workspace")) {
    throw new AppError({ code: "forbidden", message: "Adding a workspace member needs a workspace API key (scwor_…)" });
  }

  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      await assertAvailable(tx, app.id, { email, phone, externalId: body.external_id });
      const { valid, errors } = validateUserMeta(await listMetaFields(app.id, tx), body.user_meta);
      const baseUserId = await baseUserFor(tx, ctx, app, email, phone);
      const [user] = await tx
        .insert(appUsers)
        .values({
          appId: app.id,
          baseUserId,
          status,
          email,
          phone,
          firstName: body.first_name ?? null,
          middleName: body.middle_name ?? null,
          lastName: body.last_name ?? null,
          externalId: body.external_id ?? null,
          meta: Object.keys(valid).length ? valid : null,
          authzAttributes: body.authz_attributes ?? null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning();
      if (!user) throw new Error("app user insert returned nothing");
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        appUserId: user.id,
        slug: "user.created",
        params: { user_id: user.id, status, via: "admin", send_invite: Boolean(body.send_invite) },
      });
      if (body.send_invite && email) {
        await issueMagicLink(tx, ctx, { app, user, kind: "invite", webauthnEnabled: false, acceptLanguage: input.acceptLanguage });
        await recordEvent(tx, ctx, {
          workspaceId: app.workspaceId,
          appId: app.id,
          appUserId: user.id,
          slug: "user.invited",
          params: { user_id: user.id, via: "user_create" },
        });
      }
      if (body.add_as_workspace_member && email) await addWorkspaceMember(tx, ctx, app, email, body.workspace_role ?? "member");
      return { app, user, userMetaErrors: errors };
    });
  } catch (error) {
    conflictFrom(error);
  }
}
