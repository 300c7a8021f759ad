/**
 * A child workspace's `countries` (spec §3.12.1) limit where its apps may
 * send SMS (threats: per-app country allowlist against SMS pumping). Apps of
 * a workspace without a list, or of a top-level workspace, are not limited
 * here. Senders call `assertSmsCountryAllowed` before queueing an SMS.
 */
import { and, eq, isNull } from "drizzle-orm";
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { type Executor, getDb } from "@/db/client";
import { workspaces } from "@/db/schema";
import type { AppRow } from "@/lib/apps/find-app";
import { AppError } from "@/lib/errors";

/** Lower-case ISO codes the app may text, or null when unrestricted. */
export async function smsCountriesForApp(app: Pick<AppRow, "workspaceId">, db?: Executor): Promise<string[] | null> {
  const exec = db ?? (await getDb());
  const [ws] = await exec
    .select({ parentWorkspaceId: workspaces.parentWorkspaceId, countries: workspaces.countries })
    .from(workspaces)
    .where(and(eq(workspaces.id, app.workspaceId), isNull(workspaces.deletedAt)))
    .limit(1);
  if (!ws?.parentWorkspaceId || !ws.countries || ws.countries.length === 0) return null;
  return ws.countries;
}

/** Whether `phone` (E.164) lies in one of `countries` (null: no limit). A number with no known country never does. */
export function phoneInCountries(phone: string, countries: readonly string[] | null): boolean {
  if (countries === null) return true;
  const country = parsePhoneNumberFromString(phone)?.country?.toLowerCase();
  return country !== undefined && countries.includes(country);
}

/** 422 `sms_country_not_allowed` unless `app` may text `phone`. */
export async function assertSmsCountryAllowed(app: Pick<AppRow, "workspaceId">, phone: string, db?: Executor): Promise<void> {
  if (!phoneInCountries(phone, await smsCountriesForApp(app, db))) throw new AppError("sms_country_not_allowed");
}
