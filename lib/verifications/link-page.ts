/**
 * The hosted link flow (spec §15.12; threats T1, T3): GET shows the page and
 * only records `was_opened`; POST completes. Both resolve the link token to
 * the verification through its backing challenge, within the path's app.
 */
import { and, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { verifications } from "@/db/schema";
import { type AppRow, findLiveApp } from "@/lib/apps/find-app";
import { findChallengeByToken } from "@/lib/challenges/find-challenge";
import { brandingForApp } from "@/lib/child-workspaces/branding-for-app";
import type { Ctx } from "@/lib/context";
import { contextOf, intentLabel } from "@/lib/verifications/deliver";
import { type PageBrand, pageBrand, type PageView } from "@/lib/verifications/hosted-page";
import { redirectTargetOf, withScuteToken } from "@/lib/verifications/redirect";
import { signScuteToken } from "@/lib/verifications/scute-token";
import type { VerificationRow } from "@/lib/verifications/types";

export const DEFAULT_SUCCESS_MESSAGE = "Your identity has been successfully verified.";

export interface LinkPage {
  brand: PageBrand;
  view: PageView;
  status: number;
}

export interface LinkTarget {
  app: AppRow;
  row: VerificationRow;
  brand: PageBrand;
}

const NEUTRAL: PageBrand = { name: "Verification", color: "#4f46e5", logoUrl: null };

export function notFoundPage(): LinkPage {
  return {
    brand: NEUTRAL,
    status: 404,
    view: { kind: "info", title: "Link not valid", message: "This verification link is not valid. Ask for a new one." },
  };
}

/** The app, verification and branding of a link, or null for an unknown link. */
export async function resolveLink(appIdParam: string, linkToken: string): Promise<LinkTarget | null> {
  const app = await findLiveApp(appIdParam);
  if (!app) return null;
  const challenge = await findChallengeByToken(app.id, linkToken);
  if (!challenge) return null;
  const db = await getDb();
  const [row] = await db
    .select()
    .from(verifications)
    .where(and(eq(verifications.challengeId, challenge.id), eq(verifications.appId, app.id)))
    .limit(1);
  if (!row) return null;
  return { app, row, brand: pageBrand(await brandingForApp(app)) };
}

const CLOSED: Record<Exclude<VerificationRow["status"], "pending">, { title: string; message: string }> = {
  verified: { title: "Already confirmed", message: "This request has already been confirmed. You can close this window." },
  denied: { title: "Request denied", message: "This request was denied. You can close this window." },
  failed: { title: "Too many attempts", message: "This request was locked after too many wrong codes. Ask for a new one." },
  cancelled: { title: "Request cancelled", message: "This request was cancelled. Ask for a new one if you still need it." },
  expired: { title: "Link expired", message: "This request has expired. Ask for a new one." },
};

/** The page for a verification that cannot be acted on (closed or past expiry), else null. */
export function closedPage(t: LinkTarget, now: Date): LinkPage | null {
  if (t.row.status !== "pending") return { brand: t.brand, status: 200, view: { kind: "info", ...CLOSED[t.row.status] } };
  if (t.row.expiresAt.getTime() <= now.getTime()) return { brand: t.brand, status: 200, view: { kind: "info", ...CLOSED.expired } };
  return null;
}

export function formPage(t: LinkTarget, error: string | null = null, status = 200): LinkPage {
  return {
    brand: t.brand,
    status,
    view: {
      kind: "form",
      intent: intentLabel(t.row),
      context: contextOf(t.row.metaData),
      recipientName: t.row.recipientName,
      consent: t.app.verificationMode === "consent",
      otp: t.row.verificationType === "otp",
      error,
    },
  };
}

/** The outcome page: message, countdown and redirect (with a fresh `scute_token`) when a target is set. */
export async function outcomePage(ctx: Ctx, t: LinkTarget, closed: VerificationRow): Promise<LinkPage> {
  const target = redirectTargetOf(closed, t.app);
  const redirect = target ? withScuteToken(target, (await signScuteToken(t.app, closed, ctx.now)).token) : null;
  const approved = closed.status === "verified";
  return {
    brand: t.brand,
    status: 200,
    view: {
      kind: "done",
      title: approved ? (closed.consentDecision === "approved" ? "Approved" : "Verified") : "Request denied",
      message: approved
        ? (t.app.verificationSuccessMessage ?? DEFAULT_SUCCESS_MESSAGE)
        : `You denied this request. ${t.brand.name} has been told.`,
      redirect,
      delaySeconds: Math.max(0, t.app.verificationRedirectDelay),
    },
  };
}
