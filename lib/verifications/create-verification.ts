import { and, eq, ne, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { appUsers } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { parseEmail, parseIdentifier, parsePhone } from "@/lib/identifiers/parse-identifier";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { findUserById } from "@/lib/users/find-user";
import type { AppUserRow } from "@/lib/users/serialize";
import { issueVerification } from "@/lib/verifications/issue-verification";
import { assertAllowedRedirect } from "@/lib/verifications/redirect";
import type { CreateVerificationInput } from "@/lib/verifications/schemas";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

interface Target {
  recipient: AppUserRow;
  identifier: string;
  channel: VerificationRow["channel"];
  verificationType: VerificationRow["verificationType"];
  metadata: Record<string, unknown>;
}

function contactOf(raw: string, kind: "email" | "phone"): string {
  if (kind === "email") {
    const email = parseEmail(raw);
    if (!email) throw new AppError("invalid_email");
    return email.value;
  }
  const phone = parsePhone(raw);
  if (!phone) throw new AppError("invalid_phone");
  return phone;
}

async function recipientById(app: AppRow, principal: VerifyCallerPrincipal, id: string | undefined): Promise<AppUserRow> {
  if (!id) throw new AppError({ code: "bad_request", message: "to_user_id is required for this channel" });
  // A signed-in user only addresses verifications to themselves.
  if (principal.kind === "user" && principal.user.user.id !== id) throw new AppError("forbidden");
  const user = await findUserById(app.id, id);
  if (!user) throw new AppError("user_not_found");
  return user;
}

/** Who receives the verification, at which identifier, by which channel (§15.2's four variants). */
async function resolveTarget(ctx: Ctx, app: AppRow, principal: VerifyCallerPrincipal, input: CreateVerificationInput): Promise<Target> {
  const type = input.verification_type ?? "otp";
  if (input.channel === "user_identifier") {
    if (!input.new_identifier || !input.identifier_type) {
      throw new AppError({ code: "bad_request", message: "new_identifier and identifier_type are required for channel user_identifier" });
    }
    const recipient = await recipientById(app, principal, input.to_user_id);
    const identifier = contactOf(input.new_identifier, input.identifier_type);
    const column = input.identifier_type === "email" ? sql`lower(${appUsers.email}) = ${identifier.toLowerCase()}` : eq(appUsers.phone, identifier);
    const db = await getDb();
    const [taken] = await db.select({ id: appUsers.id }).from(appUsers).where(and(eq(appUsers.appId, app.id), column, ne(appUsers.id, recipient.id))).limit(1);
    if (taken) throw new AppError("identifier_taken");
    return { recipient, identifier, channel: "user_identifier", verificationType: "otp", metadata: { new_identifier: identifier, identifier_type: input.identifier_type } };
  }
  if (input.channel === "metafield") {
    if (!input.field_name) throw new AppError({ code: "bad_request", message: "field_name is required for channel metafield" });
    const recipient = await recipientById(app, principal, input.to_user_id);
    const field = (await listMetaFields(app.id)).find((f) => f.fieldName === input.field_name);
    if (!field || !field.asVerificationIdentifier || (field.fieldType !== "email" && field.fieldType !== "phone")) {
      throw new AppError({ code: "meta_field_not_found", message: "No email/phone meta field with as_verification_identifier has this field_name" });
    }
    const value = recipient.meta?.[field.fieldName];
    if (typeof value !== "string" || !value.trim()) throw new AppError(field.fieldType === "email" ? "email_required" : "phones_required");
    return { recipient, identifier: contactOf(value, field.fieldType), channel: "metafield", verificationType: "otp", metadata: { field_name: field.fieldName } };
  }
  if (input.identifier !== undefined && input.to_user_id === undefined) {
    if (principal.kind === "user") throw new AppError({ code: "forbidden", message: "Users can only create verifications addressed to themselves (to_user_id)" });
    const parsed = parseIdentifier(input.identifier);
    if (!parsed) throw new AppError("invalid_identifier");
    const channel = input.channel ?? (parsed.kind === "email" ? "email" : "sms");
    if ((channel === "email") !== (parsed.kind === "email")) throw new AppError({ code: "invalid_method", message: `channel ${channel} does not fit this identifier` });
    const db = await getDb();
    const { user } = await db.transaction((tx) => findOrCreateUser(tx, ctx, { app, identifier: parsed }));
    const canonical = (parsed.kind === "email" ? user.email : user.phone) ?? parsed.value;
    return { recipient: user, identifier: canonical, channel, verificationType: type, metadata: {} };
  }
  const recipient = await recipientById(app, principal, input.to_user_id);
  const channel = input.channel ?? "sms";
  const identifier = channel === "email" ? recipient.email : recipient.phone;
  if (!identifier) throw new AppError(channel === "email" ? "email_required" : "phones_required");
  return { recipient, identifier, channel, verificationType: type, metadata: {} };
}

/** POST /v1/verify/{app_id}/verifications (spec §15.2): send a verification and return it. */
export async function createVerification({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: VerifyCallerPrincipal; body: CreateVerificationInput };
}): Promise<VerificationRow> {
  const { principal, body } = input;
  const app = principal.app;
  const redirectUrl = body.redirect_url ? assertAllowedRedirect(body.redirect_url, app) : null;
  const target = await resolveTarget(ctx, app, principal, body);
  return issueVerification(ctx, {
    app,
    ...target,
    reason: body.reason ?? null,
    intent: body.reason ?? null,
    metaData: body.meta_data ?? {},
    redirectUrl,
    appUserId: principal.kind === "user" ? principal.user.user.id : null,
  });
}
