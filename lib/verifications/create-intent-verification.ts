import { getDb } from "@/db/client";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { type Identifier, parseEmail, parsePhone } from "@/lib/identifiers/parse-identifier";
import { findOrCreateUser } from "@/lib/users/find-or-create-user";
import { issueVerification } from "@/lib/verifications/issue-verification";
import { assertAllowedRedirect } from "@/lib/verifications/redirect";
import type { IntentInput } from "@/lib/verifications/schemas";
import type { VerificationRow } from "@/lib/verifications/types";
import type { VerifyCallerPrincipal } from "@/lib/verifications/verify-caller";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The recipient phone of `contact_phones` (§15.3): the first valid one, preferring `phone_type: "mobile"`. */
export function pickPhone(raw: unknown): string {
  if (!Array.isArray(raw) || raw.length === 0) throw new AppError("phones_required");
  const entries: Record<string, unknown>[] = raw.map((p: unknown) => (isObject(p) ? p : { phone_number: p }));
  const numbers = entries.map((p) => (typeof p.phone_number === "string" ? p.phone_number.trim() : ""));
  if (numbers.every((n) => n === "")) throw new AppError("empty_phone");
  const ordered = entries
    .map((p, i) => ({ mobile: p.phone_type === "mobile", number: numbers[i] ?? "" }))
    .sort((a, b) => Number(b.mobile) - Number(a.mobile));
  for (const { number } of ordered) {
    const phone = number ? parsePhone(number) : null;
    if (phone) return phone;
  }
  throw new AppError("invalid_phone");
}

/** "an email ending in …@company.com" / "a phone number ending in …0123" (no full contact echoed). */
export function maskedDestination(identifier: string): string {
  const at = identifier.lastIndexOf("@");
  return at >= 0 ? `an email ending in …${identifier.slice(at)}` : `a phone number ending in …${identifier.slice(-4)}`;
}

/**
 * POST /v1/verify/{app_id}/verifications/intent (spec §15.3): validate with
 * the contract's 400 codes (in its order), find or create the contact, send.
 */
export async function createIntentVerification({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { principal: VerifyCallerPrincipal; body: IntentInput };
}): Promise<{ row: VerificationRow; message: string }> {
  const { principal, body } = input;
  const app = principal.app;
  if (principal.kind === "user") throw new AppError({ code: "forbidden", message: "Intent verifications are created by backends (M2M token or API secret)" });
  const meta = body.meta_data;
  if (!isObject(meta) || Object.keys(meta).length === 0) throw new AppError("meta_data_required");
  const intent = typeof body.intent_name === "string" ? body.intent_name.trim() : "";
  if (!intent) throw new AppError("intent_name_required");
  if (intent.length > 200) throw new AppError({ code: "bad_request", message: "intent_name is too long (max 200)" });
  const method = body.method === undefined || body.method === "" ? "email" : body.method;
  if (method !== "email" && method !== "sms") throw new AppError("invalid_method");

  let identifier: Identifier;
  if (method === "email") {
    const raw = typeof meta.contact_email === "string" ? meta.contact_email.trim() : "";
    if (!raw) throw new AppError("email_required");
    const email = parseEmail(raw);
    if (!email) throw new AppError({ code: "invalid_email", message: "Invalid email format" });
    identifier = { kind: "email", ...email };
  } else {
    const phone = pickPhone(meta.contact_phones);
    identifier = { kind: "phone", value: phone, normalized: phone };
  }
  const redirectUrl = body.redirect_url ? assertAllowedRedirect(body.redirect_url, app) : null;
  const contactName = typeof meta.contact_name === "string" ? meta.contact_name.trim().slice(0, 200) || null : null;

  const db = await getDb();
  const { user } = await db.transaction((tx) => findOrCreateUser(tx, ctx, { app, identifier }));
  const row = await issueVerification(ctx, {
    app,
    recipient: user,
    // The canonical address as stored on the user, never the raw input.
    identifier: (identifier.kind === "email" ? user.email : user.phone) ?? identifier.value,
    channel: method,
    verificationType: body.verification_type ?? (method === "email" ? "magic_link" : "otp"),
    intent,
    reason: intent,
    recipientName: contactName,
    metaData: meta,
    redirectUrl,
  });
  return { row, message: `Verification needed, sent to ${maskedDestination(row.identifier)}` };
}
