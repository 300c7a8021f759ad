/**
 * Sending a verification (spec §15.3, §15.12): an email (react-email
 * template) or an SMS carrying the link to the hosted page and, for OTP
 * verifications, the code. Queued through the outbox in the caller's
 * transaction, so nothing is sent for a verification that does not exist.
 * Links are built from the instance base URL only (threats T12).
 */
import { createElement } from "react";
import type { Executor } from "@/db/client";
import type { AppRow } from "@/lib/apps/find-app";
import { brandingForApp } from "@/lib/child-workspaces/branding-for-app";
import type { Ctx } from "@/lib/context";
import { emailBrand, minutesOf } from "@/lib/email/branding";
import { deliverEmail } from "@/lib/email/deliver-email";
import { getEnv } from "@/lib/env";
import type { OutboxRow } from "@/lib/messages/queue-message";
import { sendSms } from "@/lib/sms/send-sms";
import type { VerificationRow } from "@/lib/verifications/types";
import VerificationRequestEmail from "@/emails/verification-request";

/** The hosted landing page of a verification link (§15.12). */
export function verificationLinkUrl(app: Pick<AppRow, "publicId">, linkToken: string): string {
  return `${getEnv().baseUrl}/v1/verify/${app.publicId}/v/${linkToken}`;
}

/** Keys of `meta_data` that address the recipient rather than describe the request. */
const CONTACT_KEYS = new Set(["contact_email", "contact_phones", "contact_name"]);

/** Label/value pairs of the request's context: string and number `meta_data` values, contact fields left out. */
export function contextOf(metaData: Record<string, unknown>): { label: string; value: string }[] {
  return Object.entries(metaData)
    .filter(([k, v]) => !CONTACT_KEYS.has(k) && (typeof v === "string" || typeof v === "number"))
    .slice(0, 20)
    .map(([k, v]) => ({ label: k.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()), value: String(v).slice(0, 200) }));
}

export function intentLabel(row: Pick<VerificationRow, "intent" | "reason">): string {
  return row.intent ?? row.reason ?? "Verify it's you";
}

export function verificationSmsText(appName: string, row: VerificationRow, url: string, code: string | null): string {
  const intent = intentLabel(row);
  return code
    ? `${appName}: confirm "${intent}". Your code is ${code}. Or open ${url}`
    : `${appName}: confirm "${intent}": ${url}`;
}

/** Queue the verification's message; returns the outbox row. */
export async function sendVerification(
  tx: Executor,
  ctx: Ctx,
  app: AppRow,
  row: VerificationRow,
  secrets: { linkToken: string; code: string | null },
): Promise<OutboxRow> {
  const url = verificationLinkUrl(app, secrets.linkToken);
  const branding = await brandingForApp(app, tx);
  const brandSource = { name: branding.name, logo: branding.logoUrl, colors: branding.color ? [branding.color] : [] };
  if (row.identifier.includes("@")) {
    return deliverEmail(tx, ctx, {
      app,
      to: row.identifier,
      template: "verification_request",
      subject: `${branding.name}: please confirm "${intentLabel(row)}"`,
      element: createElement(VerificationRequestEmail, {
        brand: emailBrand(brandSource),
        intent: intentLabel(row),
        recipientName: row.recipientName,
        context: contextOf(row.metaData),
        url,
        code: secrets.code,
        expiresInMinutes: minutesOf(row.timeout),
      }),
      links: [url],
      code: secrets.code ?? undefined,
    });
  }
  return sendSms(tx, ctx, {
    app,
    to: row.identifier,
    template: "verification_request",
    text: verificationSmsText(branding.name, row, url, secrets.code),
    code: secrets.code ?? undefined,
  });
}
