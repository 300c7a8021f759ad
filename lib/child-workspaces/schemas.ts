/**
 * Child-workspace shapes (spec §3.12): request bodies, path slots and the
 * ChildSummary / ChildDetail objects. Field rules follow threats §3.8:
 * `#RRGGBB` colours only, https logos only, known ISO country codes only,
 * `magic_link_expiry` a JSON integer of 60–3600 seconds.
 */
import { getCountries } from "libphonenumber-js";
import { z } from "zod";
import { nullable, optional, zArray, zInt, zText } from "@/lib/api/fields";
import { WebhookEndpoint } from "@/lib/webhooks/schemas";
import { Workspace } from "@/lib/workspaces/schemas";
import { parseHttpUrl, parseOrigin } from "@/lib/urls";

const COUNTRY_CODES = new Set(getCountries().map((c) => c.toLowerCase()));

/** An ISO 3166-1 alpha-2 code in either case, exactly two letters (no padding); stored lower-case. */
const country = z
  .string()
  .regex(/^[A-Za-z]{2}$/, "must be a two-letter ISO country code")
  .transform((c) => c.toLowerCase())
  .refine((c) => COUNTRY_CODES.has(c), "unknown country code");

const hexColor = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "must be a #RRGGBB colour");

const httpsUrl = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => parseHttpUrl(v, { httpsOnly: true }) !== null, "must be an https URL");

/**
 * Hosted verification pages redirect here, so the template's origin becomes
 * one of the child app's origins: it must be a valid origin (https, or http
 * on loopback) once its `{placeholders}` are filled in.
 */
export const redirectTemplate = z
  .string()
  .trim()
  .max(2048)
  .refine((v) => templateOrigin(v) !== null, "must be an https URL template, e.g. https://example.com/done?ticket={ticket_id}");

/** The origin of a redirect URL template, or null when it is not a usable URL. */
export function templateOrigin(template: string): string | null {
  const url = parseHttpUrl(template.replace(/\{[a-z_][a-z0-9_]*\}/gi, "x"));
  return url ? parseOrigin(url.origin) : null;
}

const fields = {
  branding_display_name: nullable(zText(256)).describe("Shown on hosted verification pages and emails"),
  branding_color: nullable(hexColor).describe("#RRGGBB"),
  branding_logo_url: nullable(httpsUrl),
  countries: optional(zArray(country, 250)).describe("ISO country codes (e.g. [\"us\",\"ca\"]) that SMS may go to"),
  // Strictly a JSON integer: threats §3.8 lists the string "900" as invalid here.
  magic_link_expiry: optional(z.number().int().min(60).max(3600)).describe("Seconds, 60–3600 (default 900)"),
  webhook_url: optional(z.string().max(2048)).describe("https receiver subscribed to every `verification.*` event"),
  verification_mode: optional(z.enum(["dismiss", "consent"])).describe("Default `dismiss`"),
  verification_redirect_url_template: nullable(redirectTemplate).describe("Placeholders like {ticket_id}, {contact_id}"),
  verification_redirect_delay: optional(zInt(0, 60)).describe("Seconds (default 4)"),
  verification_success_message: nullable(zText(500)),
};

export const CreateChildBody = z.object({ name: zText(256), ...fields });
export type CreateChildInput = z.output<typeof CreateChildBody>;

// An empty name is an error, never "not given" (threats §3.8), as for app names.
export const UpdateChildBody = z.object({ name: zText(256).optional(), ...fields });
export type UpdateChildInput = z.output<typeof UpdateChildBody>;

export const ChildrenParams = z.object({ workspace_id: z.string().min(1) });
export const ChildParams = ChildrenParams.extend({ child_id: z.string().min(1) });

export const ChildSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    app_id: z.string().nullable().describe("Public id of the child's verify-only app"),
    branding_display_name: z.string().nullable(),
    branding_color: z.string().nullable(),
    branding_logo_url: z.string().nullable(),
    countries: z.array(z.string()),
    verification_mode: z.enum(["dismiss", "consent"]).nullable(),
    created_at: z.string(),
  })
  .meta({ id: "ChildWorkspaceSummary", description: "A child workspace (spec §3.12.2)." });
export type ChildSummaryObject = z.output<typeof ChildSummary>;

export const ChildDetail = ChildSummary.extend({
  api_key_token: z.string().nullable().describe("The child app's auto-provisioned API key (null once revoked)"),
  webhook_endpoints: z.array(WebhookEndpoint),
}).meta({ id: "ChildWorkspace", description: "A child workspace with its app key and webhook endpoints (spec §3.12.3)." });
export type ChildDetailObject = z.output<typeof ChildDetail>;

export const CreateChildResponse = z.object({
  workspace_id: z.string(),
  app_id: z.string(),
  api_key_token: z.string().describe("`scapp_…`: shown here and in the child GET"),
  api_key_id: z.string(),
  webhook_endpoint_id: z.string().nullable(),
  workspace: Workspace,
});
export type CreateChildResult = z.output<typeof CreateChildResponse>;

export const ChildListResponse = z.object({ workspace_id: z.string(), children: z.array(ChildSummary) });
