/**
 * How a child workspace's fields (spec §3.12) map onto its verify-only app:
 * branding becomes the app's name, colors and logo; the verification fields
 * are the app's own settings; the redirect template's origin joins the app's
 * origins so the hosted pages' redirect passes the origin check (threats T12).
 */
import { templateOrigin, type UpdateChildInput } from "@/lib/child-workspaces/schemas";
import type { AppRow } from "@/lib/apps/find-app";

/** The app name a child's branding implies. */
export function brandedAppName(ws: { name: string; brandingDisplayName: string | null }): string {
  return ws.brandingDisplayName ?? ws.name;
}

/** `colors` for a branding colour: it leads, the rest of the app's palette is kept. */
export function brandedColors(color: string | null, current: readonly string[] = []): string[] {
  const rest = current.slice(1);
  return color ? [color, ...rest.filter((c) => c.toLowerCase() !== color.toLowerCase())] : rest;
}

/** additional_origins with the template's origin added (unless it is already the app's origin). */
export function originsWithTemplate(
  template: string | null | undefined,
  app: Pick<AppRow, "origin" | "additionalOrigins">,
): string[] {
  const origin = template ? templateOrigin(template) : null;
  if (!origin || origin === app.origin || app.additionalOrigins.includes(origin)) return [...app.additionalOrigins];
  return [...app.additionalOrigins, origin];
}

/** The verification columns of the app named in `input` (only the fields given). */
export function verificationColumns(input: UpdateChildInput): Partial<AppRow> {
  const out: Partial<AppRow> = {};
  if (input.verification_mode !== undefined) out.verificationMode = input.verification_mode;
  if (input.verification_redirect_url_template !== undefined) {
    out.verificationRedirectUrlTemplate = input.verification_redirect_url_template;
  }
  if (input.verification_redirect_delay !== undefined) out.verificationRedirectDelay = input.verification_redirect_delay;
  if (input.verification_success_message !== undefined) out.verificationSuccessMessage = input.verification_success_message;
  if (input.magic_link_expiry !== undefined) out.magicLinkExpiration = input.magic_link_expiry;
  return out;
}
