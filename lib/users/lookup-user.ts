import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { listMetaFields } from "@/lib/meta-fields/list-meta-fields";
import { findUserById, findUserByIdentifier } from "@/lib/users/find-user";
import { type AppUserRow, toScuteUser } from "@/lib/users/serialize";

/**
 * Public user lookup (spec §12.1): exact match by identifier (email
 * case-insensitive, phone after E.164 normalisation) or by app user id.
 * Never creates a user; an unknown user is `null` (the route answers 200).
 * A string that is neither an email nor a phone is 400 invalid_identifier;
 * both or neither of identifier and user id is 400 bad_request.
 */
export async function lookupUser(input: {
  app: AppRow;
  identifier?: string;
  userId?: string;
}): Promise<Record<string, unknown> | null> {
  const { app } = input;
  if ((input.identifier === undefined) === (input.userId === undefined)) {
    throw new AppError({ code: "bad_request", message: "Give exactly one of identifier and user_id" });
  }
  let user: AppUserRow | null;
  if (input.identifier !== undefined) {
    const identifier = parseIdentifier(input.identifier);
    if (!identifier) throw new AppError("invalid_identifier");
    user = await findUserByIdentifier(app.id, identifier);
  } else {
    user = await findUserById(app.id, input.userId ?? "");
  }
  if (!user) return null;
  const required = (await listMetaFields(app.id)).filter((f) => f.required).map((f) => ({ field: f.fieldName, required: true }));
  return toScuteUser(user, required);
}
