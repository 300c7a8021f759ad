import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/events/record-event";
import { parseEmail, parsePhone } from "@/lib/identifiers/parse-identifier";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { validateUserMeta } from "@/lib/meta-fields/validate-user-meta";
import { appForActor } from "@/lib/tenancy";
import { assertAvailable } from "@/lib/users/admin-create-user";
import type { AdminUpdateUserBody } from "@/lib/users/admin-schemas";
import { conflictFrom, requireAppUser } from "@/lib/users/admin-user-data";
import type { AppUserRow } from "@/lib/users/serialize";

type Changes = Partial<typeof appUsers.$inferInsert>;

/** `name` → first word as first_name, the rest as last_name (spec §12.7 accepts a single `name`). */
export function splitName(name: string | null): { firstName: string | null; middleName: string | null; lastName: string | null } {
  const words = (name ?? "").trim().split(/\s+/).filter(Boolean);
  return { firstName: words[0] ?? null, middleName: null, lastName: words.length > 1 ? words.slice(1).join(" ") : null };
}

/** Drop keys whose value is null (a null meta value removes the key). */
function withoutNulls(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== null));
}

/**
 * Update a user (spec §12.7). PATCH changes only the fields given; PUT
 * replaces the profile: names, external id, meta and authz attributes not
 * given are cleared (email and phone change only when given, since a user
 * must keep an identifier). `user_meta` takes declared keys only, with values
 * of the field's type; anything else is 422 `user_meta_invalid` with `errors`
 * and nothing is written. PATCH merges meta (a null value removes a key).
 * A changed email or phone is unverified again. Records `user.updated` with
 * the names of the changed fields, never their values.
 */
export async function adminUpdateUser({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { appId: string; userId: string; body: AdminUpdateUserBody; replace: boolean };
}): Promise<{ app: AppRow; user: AppUserRow }> {
  const app = await appForActor(ctx, input.appId);
  const { body, replace } = input;
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const user = await requireAppUser(app, input.userId, tx);
      const set: Changes = {};

      if (body.email !== undefined) {
        const email = body.email === null ? null : (parseEmail(body.email)?.value ?? null);
        if (body.email !== null && !email) throw new AppError("invalid_email");
        if ((email ?? "").toLowerCase() !== (user.email ?? "").toLowerCase()) {
          set.email = email;
          set.emailVerified = false;
        } else if (email !== user.email) {
          set.email = email; // same address, new spelling: stays verified
        }
      }
      if (body.phone !== undefined) {
        const phone = body.phone === null ? null : parsePhone(body.phone);
        if (body.phone !== null && !phone) throw new AppError("invalid_phone");
        if (phone !== user.phone) {
          set.phone = phone;
          set.phoneVerified = false;
        }
      }
      const email = set.email !== undefined ? set.email : user.email;
      const phone = set.phone !== undefined ? set.phone : user.phone;
      if (!email && !phone) {
        throw new AppError({ code: "validation_failed", message: "A user needs an email or a phone", errors: { email: ["cannot be removed with the phone"] } });
      }

      const names = body.name !== undefined ? splitName(body.name) : replace ? { firstName: null, middleName: null, lastName: null } : {};
      Object.assign(set, names);
      if (body.first_name !== undefined) set.firstName = body.first_name;
      if (body.middle_name !== undefined) set.middleName = body.middle_name;
      if (body.last_name !== undefined) set.lastName = body.last_name;
      if (body.external_id !== undefined || replace) set.externalId = body.external_id ?? null;
      if (body.authz_attributes !== undefined || replace) set.authzAttributes = body.authz_attributes ?? null;

      if (body.user_meta !== undefined || replace) {
        const { valid, errors } = validateUserMeta(await listMetaFields(app.id, tx), body.user_meta ?? undefined);
        if (Object.keys(errors).length) throw new AppError({ code: "user_meta_invalid", errors });
        const meta = withoutNulls(replace || body.user_meta === null ? valid : { ...(user.meta ?? {}), ...valid });
        set.meta = Object.keys(meta).length ? meta : null;
      }

      await assertAvailable(tx, app.id, { email: set.email, phone: set.phone, externalId: set.externalId }, user.id);
      const changed = Object.keys(set).filter((k) => JSON.stringify(set[k as keyof Changes]) !== JSON.stringify(user[k as keyof AppUserRow]));
      if (changed.length === 0) return { app, user };
      const [row] = await tx
        .update(appUsers)
        .set({ ...set, updatedAt: ctx.now })
        .where(and(eq(appUsers.id, user.id), eq(appUsers.appId, app.id)))
        .returning();
      if (!row) throw new AppError("user_not_found");
      await recordEvent(tx, ctx, {
        workspaceId: app.workspaceId,
        appId: app.id,
        appUserId: row.id,
        slug: "user.updated",
        params: { user_id: row.id, fields: changed.map(snake), via: replace ? "put" : "patch" },
      });
      return { app, user: row };
    });
  } catch (error) {
    conflictFrom(error);
  }
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
