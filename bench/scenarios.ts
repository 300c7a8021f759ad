/**
 * The scenario registry. Each ready scenario builds its workload(s) and calls
 * ctx.measure(); `planned` entries are listed (and skipped with their reason)
 * until their feature lands — add them here when it does.
 */
import type { BenchCtx, Check, ScenarioResult } from "./lib/context";
import { type Fixtures, PER_ADDRESS, type Session } from "./lib/fixtures";
import { burst, once, type Op, type Workload } from "./lib/load";
import { searchUser } from "./lib/seed";

export interface Scenario {
  name: string;
  description: string;
  /** Set while the feature under test does not exist yet: the scenario is skipped with this reason. */
  planned?: string;
  run?: (ctx: BenchCtx, fx: Fixtures) => Promise<ScenarioResult[] | { skipped: string }>;
}

/** A workload that repeats one request forever. */
const repeat = (op: Op, perAddress: number = PER_ADDRESS.unlimited): Workload => ({ perAddress, next: () => op });

/** A workload over a supply of one-time items, refilled between phases by `fill`. */
function consuming<T>(fill: (n: number) => Promise<T[]>, toOp: (item: T) => Op, perAddress: number): Workload {
  // First in, first out: no credential waits in the supply longer than it must (they expire).
  let items: T[] = [];
  let head = 0;
  return {
    perAddress,
    next: () => {
      const item = items[head];
      if (item === undefined) return null;
      head++;
      return toOp(item);
    },
    prepare: async (n) => {
      items = items.slice(head);
      head = 0;
      if (items.length < n) items.push(...(await fill(n - items.length)));
    },
  };
}

function count(results: { status: number }[], status: number): number {
  return results.filter((r) => r.status === status).length;
}

const health: Scenario = {
  name: "health",
  description: "GET /v1/health: the no-DB liveness route, the ceiling every ratio refers to",
  run: async (ctx) => [
    await ctx.measure("health", health.description, repeat({ method: "GET", path: "/v1/health", expect: 200 }), { targets: { maxStatements: 0 } }),
  ],
};

const jwks: Scenario = {
  name: "jwks",
  description: "GET /v1/auth/{app_id}/jwks (full 200 body each time, no If-None-Match)",
  run: async (ctx, fx) => {
    const app = await fx.signInApp();
    const path = `/v1/auth/${app.publicId}/jwks`;
    const first = await once(ctx.server.port, ctx.addresses, { method: "GET", path, expect: 200 });
    const checks: Check[] = [];
    const probe = await fetch(`${ctx.server.base}${path}`);
    const etag = probe.headers.get("etag") ?? "";
    const cc = probe.headers.get("cache-control") ?? "";
    checks.push({ name: "strong ETag and public Cache-Control", passed: /^"[^"]+"$/.test(etag) && /public, max-age=\d+/.test(cc), detail: `ETag ${etag}, Cache-Control ${cc}` });
    const revalidated = await fetch(`${ctx.server.base}${path}`, { headers: { "if-none-match": etag } });
    checks.push({ name: "If-None-Match → 304", passed: revalidated.status === 304, detail: `status ${revalidated.status}` });
    if (first.status !== 200) throw new Error(`jwks → ${first.status} ${first.body}`);
    return [
      await ctx.measure("jwks", jwks.description, repeat({ method: "GET", path, expect: 200 }), {
        targets: { minRatio: 0.95, maxStatements: 0 },
        checks,
      }),
    ];
  },
};

const magicLinkSend: Scenario = {
  name: "magic-link-send",
  description: "POST /v1/auth/{app_id}/magic_links/login for existing users (each email once), dev outbox",
  run: async (ctx, fx) => {
    const app = await fx.signInApp();
    const workload: Workload = { perAddress: PER_ADDRESS.send, next: () => fx.sendLinkOp(app) };
    const result = await ctx.measure("magic-link-send", magicLinkSend.description, workload, {
      targets: { minRatio: 0.65, maxStatements: 4, maxP99Ms: 80 },
    });
    // Keep the outbox table at its normal size for the scenarios that follow.
    await fx.harvestLinks(app);
    return [result];
  },
};

const authenticate: Scenario = {
  name: "authenticate",
  description: "link and code to tokens",
  run: async (ctx, fx) => {
    const out: ScenarioResult[] = [];
    const app = await fx.signInApp();
    // Exactly once: one link token presented 50 times at once.
    const [token] = await fx.linkTokens(app, 1);
    const linkBurst = await burst({ port: ctx.server.port, addresses: ctx.addresses, n: 50, op: () => fx.authenticateOp(app, token ?? "") });
    const linkOnce: Check = {
      name: "one link token replayed 50× at once → exactly 1 success",
      passed: count(linkBurst, 200) === 1 && count(linkBurst, 404) === 49,
      detail: `200: ${count(linkBurst, 200)}, 404: ${count(linkBurst, 404)}, other: ${50 - count(linkBurst, 200) - count(linkBurst, 404)}`,
    };
    out.push(
      await ctx.measure(
        "authenticate-link",
        "PATCH /v1/auth/{app_id}/magic_links/authenticate: a fresh link token → token payload (session, refresh token, RS256 access token)",
        consuming((n) => fx.linkTokens(app, n), (t) => fx.authenticateOp(app, t), PER_ADDRESS.linkVerify),
        { targets: { minRatio: 0.5, maxP99Ms: 100 }, checks: [linkOnce] },
      ),
    );

    const otpApp = await fx.otpApp();
    const [code] = await fx.codes(otpApp, 1);
    const codeBurst = code
      ? await burst({ port: ctx.server.port, addresses: ctx.addresses, n: 50, op: () => fx.verifyCodeOp(otpApp, code) })
      : [];
    const codeOnce: Check = {
      name: "one code replayed 50× at once → exactly 1 success",
      passed: count(codeBurst, 200) === 1,
      detail: `200: ${count(codeBurst, 200)}, others: ${[...new Set(codeBurst.filter((r) => r.status !== 200).map((r) => r.status))].join("/")}`,
    };
    out.push(
      await ctx.measure(
        "authenticate-code",
        "POST /v1/auth/{app_id}/otps/verify: a fresh email code → token payload",
        consuming((n) => fx.codes(otpApp, n), (c) => fx.verifyCodeOp(otpApp, c), PER_ADDRESS.codeVerify),
        { targets: { minRatio: 0.5, maxP99Ms: 100 }, checks: [codeOnce] },
      ),
    );
    return out;
  },
};

const refresh: Scenario = {
  name: "refresh",
  description: "POST /v1/auth/{app_id}/tokens/refresh with rotation: each session presents its latest refresh token",
  run: async (ctx, fx) => {
    const app = await fx.signInApp();
    const path = `/v1/auth/${app.publicId}/tokens/refresh`;

    // No double spends: one refresh token presented 50 times at once.
    const [victim] = await fx.sessions(1);
    const reuse = await burst({
      port: ctx.server.port,
      addresses: ctx.addresses,
      n: 50,
      op: () => ({ method: "POST", path, headers: { "x-refresh-token": victim?.refresh ?? "" }, expect: 200 }),
    });
    const winners = reuse.filter((r) => r.status === 200);
    const successors = winners.map((r) => JSON.parse(r.body).refresh).filter((t): t is string => typeof t === "string");
    const after = successors[0]
      ? await once(ctx.server.port, ctx.addresses, { method: "POST", path, headers: { "x-refresh-token": successors[0] }, expect: 401 })
      : null;
    const checks: Check[] = [
      {
        name: "one refresh token presented 50× at once → 1 successor, no double spend",
        passed: successors.length === 1,
        detail: `200: ${winners.length} (with a new refresh token: ${successors.length}), 401: ${count(reuse, 401)}`,
      },
      {
        name: "reuse revokes the family (the successor is refused afterwards)",
        passed: after?.status === 401,
        detail: `successor → ${after?.status ?? "none"}`,
      },
    ];

    // Chains: each session holds its latest refresh token; a request borrows an idle chain.
    const chains: Session[] = await fx.sessions(ctx.opts.small ? 60 : 1500);
    const idle = [...chains];
    let lost = 0;
    const workload: Workload = {
      perAddress: PER_ADDRESS.unlimited,
      next: () => {
        const chain = idle.pop();
        if (!chain) return null;
        return {
          method: "POST",
          path,
          headers: { "x-refresh-token": chain.refresh },
          expect: 200,
          done: (status, body) => {
            const next = status === 200 ? JSON.parse(body).refresh : undefined;
            if (typeof next === "string") {
              chain.refresh = next;
              idle.unshift(chain);
            } else lost++;
          },
        };
      },
    };
    const result = await ctx.measure("refresh", refresh.description, workload, { targets: { minRatio: 0.55, maxP99Ms: 80 }, checks });
    if (lost) result.notes.push(`${lost} session chains broke (non-200 refresh)`);
    return [result];
  },
};

const currentUser: Scenario = {
  name: "current-user",
  description: "GET /v1/auth/{app_id}/current_user: access token verify + session revocation check",
  run: async (ctx, fx) => {
    const app = await fx.signInApp();
    const sessions = await fx.sessions(ctx.opts.small ? 20 : 200);
    let i = 0;
    const workload: Workload = {
      perAddress: PER_ADDRESS.unlimited,
      next: () => ({
        method: "GET",
        path: `/v1/auth/${app.publicId}/current_user`,
        headers: { "x-authorization": sessions[i++ % sessions.length]?.access ?? "" },
        expect: 200,
      }),
    };
    return [await ctx.measure("current-user", currentUser.description, workload, { targets: { minRatio: 0.7 } })];
  },
};

const usersSearch: Scenario = {
  name: "users-search",
  description: "GET /v1/{app_id}/users over 1,000,000 seeded users (--search-users to change): exact email, rare/medium/common/misspelled/2-letter terms, deep pages",
  run: async (ctx, fx) => {
    // Probe before seeding a million users: the route may not exist yet.
    const probeApp = await fx.signInApp();
    const probe = await ctx.api("GET", `/v1/${probeApp.publicId}/users?search=bench&limit=1`, { key: probeApp.key });
    if (probe.status === 404) return { skipped: `GET /v1/{app_id}/users answers 404 (${probe.body.slice(0, 120)}): the admin search route is not built` };
    if (probe.status !== 200) return { skipped: `GET /v1/{app_id}/users answers ${probe.status}: ${probe.body.slice(0, 200)}` };

    const app = await fx.searchApp();
    const headers = { authorization: `Bearer ${app.key}` };
    const base = `/v1/${app.publicId}/users`;
    let k = 0;
    const pick = () => 1 + ((k++ * 7919) % app.users);
    const classes: { tag: string; query: () => string }[] = [
      { tag: "exact-email", query: () => `email=${encodeURIComponent(searchUser(pick(), app.domain).email)}` },
      { tag: "rare", query: () => `search=${searchUser(pick(), app.domain).tag}` },
      { tag: "medium", query: () => `search=${searchUser(pick(), app.domain).last}` },
      {
        tag: "misspelled",
        query: () => {
          const l = searchUser(pick(), app.domain).last;
          return `search=${l.slice(0, 2)}${l[3]}${l[2]}${l.slice(4)}`;
        },
      },
      { tag: "common", query: () => `search=${searchUser(pick(), app.domain).first}` },
      { tag: "two-letters", query: () => `search=${searchUser(pick(), app.domain).first.slice(0, 2)}` },
      { tag: "page-1", query: () => "page=1" },
      { tag: "page-deep", query: () => `page=${1 + ((k++ * 10) % Math.max(1, Math.floor(app.users / 20)))}` },
    ];
    let j = 0;
    const workload: Workload = {
      perAddress: PER_ADDRESS.unlimited,
      next: () => {
        const c = classes[j++ % classes.length];
        if (!c) return null;
        return { method: "GET", path: `${base}?${c.query()}&limit=20`, headers, expect: 200, tag: c.tag };
      },
    };
    const result = await ctx.measure("users-search", usersSearch.description, workload, {
      targets: { maxP99Ms: 25 },
      openRate: 200,
      notes: ["open loop at a constant 200 req/s (targets S6), not half the throughput"],
    });
    const perClass = result.openLoop.classes ?? {};
    const slow = Object.entries(perClass).filter(([, c]) => !(c.p99 <= 25));
    result.checks.push({
      name: "every query class p99 ≤ 25 ms at 200 req/s",
      passed: Object.keys(perClass).length === classes.length && slow.length === 0,
      detail: slow.length ? slow.map(([t, c]) => `${t} ${c.p99} ms`).join(", ") : "all classes within 25 ms",
    });
    result.verdict["every query class p99 ≤ 25 ms at 200 req/s"] = result.checks.at(-1)?.passed ? "met" : "missed";
    return [result];
  },
};

export const SCENARIOS: Scenario[] = [
  health,
  jwks,
  magicLinkSend,
  authenticate,
  refresh,
  currentUser,
  usersSearch,
  {
    name: "webhook-deliver",
    description: "worker → loopback sink: deliveries/s per worker, enqueue → first attempt p99",
    planned: "webhook delivery is not built yet",
  },
  {
    name: "soak",
    description: "5 minutes of mixed sign-in traffic: last-minute throughput ≥ 90 % of the first, RSS growth ≤ 20 %",
    planned: "not built yet (needs the mixed workload and a 5-minute budget outside the 10-minute suite)",
  },
];
