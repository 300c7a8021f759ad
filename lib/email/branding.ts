import type { AppRow } from "@/lib/apps/find-app";
import type { Ctx } from "@/lib/context";
import { summarizeUserAgent } from "@/lib/user-agent";
import type { EmailBrand, RequestOrigin } from "@/emails/_components/layout";

const DEFAULT_COLOR = "#111827";
const HEX = /^#[0-9A-Fa-f]{6}$/;

/** The app's name, logo (https only) and first colour, as the email templates take them. */
export function emailBrand(app: Pick<AppRow, "name" | "logo" | "colors">): EmailBrand {
  const color = app.colors.find((c) => HEX.test(c)) ?? DEFAULT_COLOR;
  const logoUrl = app.logo && app.logo.startsWith("https://") ? app.logo : null;
  return { appName: app.name, logoUrl, color };
}

/** The requesting device and IP, for the "requested from" footer line. */
export function requestOrigin(ctx: Pick<Ctx, "userAgent" | "ip">): RequestOrigin {
  return { device: summarizeUserAgent(ctx.userAgent).displayName, ip: ctx.ip };
}

/** Whole minutes for an expiry line (at least 1). */
export function minutesOf(seconds: number): number {
  return Math.max(1, Math.round(seconds / 60));
}
