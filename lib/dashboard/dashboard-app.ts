/**
 * The dashboard is itself a Tessera app (issue 8): members sign in to it
 * through the hosted pages, and its access tokens are the spec's "dashboard"
 * credential (§1.3). It lives in an internal workspace that no member sees
 * unless they belong to it.
 *
 * Creation happens once per database even when several instances start
 * together: the `dashboard_app` row of instance_state is claimed first (as
 * bootstrap.ts does). createApp opens its own transaction, so creation is
 * several steps; the claim carries a random token, each step writes only while
 * the token is still ours, and a claim that never finished (a crashed
 * instance) is taken over after STALE_CLAIM_MS.
 */
import { and, eq, sql } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { instanceState, members } from "@/db/schema";
import { createApp } from "@/lib/apps/create-app";
import { type AppRow, findLiveApp } from "@/lib/apps/find-app";
import { systemCtx } from "@/lib/context";
import { ensureMemberAppUser } from "@/lib/dashboard/member-app-user";
import { getEnv } from "@/lib/env";
import { randomBase62 } from "@/lib/ids";
import { log } from "@/lib/log";
import { findLiveWorkspace } from "@/lib/tenancy";
import { createWorkspace } from "@/lib/workspaces/create-workspace";

const STATE_KEY = "dashboard_app";
export const DASHBOARD_WORKSPACE_NAME = "Tessera dashboard";
export const DASHBOARD_APP_NAME = "Tessera";
/** A claim older than this without an app is considered abandoned. */
const STALE_CLAIM_MS = 60_000;
const WAIT_STEP_MS = 100;
const MAX_WAIT_MS = 2 * STALE_CLAIM_MS;

interface DashboardState {
  claim?: string;
  claimed_at?: string;
  workspace_id?: string;
  app_id?: string;
}

function stateOf(value: Record<string, unknown> | undefined): DashboardState {
  const v = value ?? {};
  const str = (k: string) => (typeof v[k] === "string" ? v[k] : undefined);
  return { claim: str("claim"), claimed_at: str("claimed_at"), workspace_id: str("workspace_id"), app_id: str("app_id") };
}

async function readState(exec: Executor): Promise<DashboardState | null> {
  const [row] = await exec.select().from(instanceState).where(eq(instanceState.key, STATE_KEY)).limit(1);
  return row ? stateOf(row.value) : null;
}

/** Write `next` only while the claim is still `claim` (compare-and-set on the jsonb value). */
async function writeIfClaimed(exec: Executor, claim: string, next: DashboardState): Promise<boolean> {
  const rows = await exec
    .update(instanceState)
    .set({ value: { ...next } })
    .where(and(eq(instanceState.key, STATE_KEY), sql`${instanceState.value}->>'claim' = ${claim}`))
    .returning({ key: instanceState.key });
  return rows.length === 1;
}

/** The settings the dashboard app is created with (origin and URLs from TESSERA_BASE_URL). */
export function dashboardAppSettings(baseUrl = getEnv().baseUrl) {
  return {
    name: DASHBOARD_APP_NAME,
    origin: baseUrl,
    callback_url: `${baseUrl}/dashboard/auth/callback`,
    login_url: `${baseUrl}/dashboard/sign-in`,
    public_signup: false,
    passkeys_enabled: true,
    email_auth_type: "magic" as const,
  };
}

/** Run the creation steps under claim `claim`; null when the claim was lost midway. */
async function create(exec: Executor, claim: string, previous: DashboardState): Promise<AppRow | null> {
  const ctx = systemCtx("dashboard-app");
  const state: DashboardState = { claim, claimed_at: ctx.now.toISOString() };
  // A taken-over claim reuses the workspace its first owner already made.
  let workspaceId = previous.workspace_id && (await findLiveWorkspace(previous.workspace_id, exec)) ? previous.workspace_id : undefined;
  if (!workspaceId) {
    const ws = await createWorkspace({ ctx, input: { name: DASHBOARD_WORKSPACE_NAME } }, exec);
    workspaceId = ws.id;
  }
  if (!(await writeIfClaimed(exec, claim, { ...state, workspace_id: workspaceId }))) return null;
  const { app } = await createApp({ ctx, input: { workspaceId, settings: dashboardAppSettings() } });
  if (!(await writeIfClaimed(exec, claim, { workspace_id: workspaceId, app_id: app.id }))) return null;
  log.info("created the dashboard app", { appId: app.publicId });
  await backfillMemberUsers(exec, app);
  return app;
}

/** Every existing member gets an app user in a freshly created dashboard app (sign-up there is closed). */
async function backfillMemberUsers(exec: Executor, app: AppRow): Promise<void> {
  const ctx = systemCtx("dashboard-app");
  const rows = await exec.select({ email: members.email }).from(members).limit(10_000);
  const admin = getEnv().adminEmail;
  const emails = new Set(rows.map((r) => r.email.toLowerCase()));
  if (admin) emails.add(admin);
  for (const email of emails) await ensureMemberAppUser(exec, ctx, app, email);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The dashboard app, created (with its internal workspace) if this database
 * has none. Idempotent and safe under concurrent starts; `db` must be the
 * database, not an open transaction (createApp commits on its own connection).
 * Also makes sure the admin email (TESSERA_ADMIN_EMAIL) can sign in.
 */
export async function ensureDashboardApp(db?: Executor): Promise<AppRow> {
  const exec = db ?? (await getDb());
  const started = Date.now();
  for (;;) {
    const state = await readState(exec);
    if (state?.app_id) {
      const app = await findLiveApp(state.app_id, exec);
      if (app) {
        const admin = getEnv().adminEmail;
        if (admin) await ensureMemberAppUser(exec, systemCtx("dashboard-app"), app, admin);
        return app;
      }
      // The app was deleted: start over under a new claim (the workspace is reused).
      const claim = randomBase62(24);
      const rows = await exec
        .update(instanceState)
        .set({ value: { claim, claimed_at: new Date().toISOString(), workspace_id: state.workspace_id ?? null } })
        .where(and(eq(instanceState.key, STATE_KEY), sql`${instanceState.value}->>'app_id' = ${state.app_id}`))
        .returning({ key: instanceState.key });
      if (rows.length === 1) {
        const app = await create(exec, claim, state);
        if (app) return app;
      }
      continue;
    }
    if (!state) {
      const claim = randomBase62(24);
      const [claimed] = await exec
        .insert(instanceState)
        .values({ key: STATE_KEY, value: { claim, claimed_at: new Date().toISOString() } })
        .onConflictDoNothing()
        .returning({ key: instanceState.key });
      if (claimed) {
        const app = await create(exec, claim, {});
        if (app) return app;
      }
      continue;
    }
    // Someone else is creating it: wait, or take over an abandoned claim.
    const claimedAt = state.claimed_at ? Date.parse(state.claimed_at) : 0;
    if (state.claim && Date.now() - claimedAt > STALE_CLAIM_MS) {
      const claim = randomBase62(24);
      if (await writeIfClaimed(exec, state.claim, { claim, claimed_at: new Date().toISOString(), workspace_id: state.workspace_id })) {
        const app = await create(exec, claim, state);
        if (app) return app;
        continue;
      }
    }
    if (Date.now() - started > MAX_WAIT_MS) throw new Error("timed out waiting for another instance to create the dashboard app");
    await sleep(WAIT_STEP_MS);
  }
}

const CACHE_KEY = Symbol.for("tessera.dashboardApp");
type CacheHolder = { [CACHE_KEY]?: { app: AppRow; at: number } };
const cacheHolder = globalThis as CacheHolder;
/** Like findLiveAppCached: a deleted or changed app is noticed within this time (sessions check deletion themselves). */
const CACHE_TTL_MS = 60_000;

/**
 * The dashboard app, cached per process and re-read after CACHE_TTL_MS, so a
 * deleted app is noticed and recreated. Creates it on first use when the
 * server entry has not (tests, a bare `next dev`).
 */
export async function getDashboardApp(): Promise<AppRow> {
  const hit = cacheHolder[CACHE_KEY];
  if (hit && Date.now() - hit.at < CACHE_TTL_MS) return hit.app;
  cacheHolder[CACHE_KEY] = undefined;
  const state = await readState(await getDb());
  const existing = state?.app_id ? await findLiveApp(state.app_id) : null;
  const app = existing ?? (await ensureDashboardApp());
  cacheHolder[CACHE_KEY] = { app, at: Date.now() };
  return app;
}

/** Forget the cached dashboard app (after deleting or changing it, and in tests). */
export function resetDashboardAppCache(): void {
  cacheHolder[CACHE_KEY] = undefined;
}
