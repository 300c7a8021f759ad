/**
 * `npm run bench [-- --scenario=<name>[,<name>]] [--duration=<s>] [--search-users=<n>]`
 *
 * Runs the scenarios of bench/scenarios.ts against the production build
 * (.next/BUILD_ID; this script never builds) on a fresh Postgres database,
 * which it drops afterwards. `health` always runs first: every throughput is
 * also reported as a ratio to it. Results: bench/results/latest.{json,md}.
 * See bench/README.md.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { BenchCtx, machine, type Options, type ScenarioResult } from "./lib/context";
import { Fixtures } from "./lib/fixtures";
import { AddressPool } from "./lib/load";
import { toMarkdown } from "./lib/report";
import { buildId, createDatabase, distDir, ROOT, startServer } from "./lib/server";
import { fmtInt, round } from "./lib/stats";
import { SCENARIOS } from "./scenarios";

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  const hit = process.argv.slice(2).find((a) => a.startsWith(prefix));
  if (hit) return hit.slice(prefix.length);
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function usage(message: string): never {
  console.error(`${message}\n\nusage: npm run bench -- [--scenario=<name>[,<name>]] [--duration=<seconds>] [--connections=<n>] [--search-users=<n>]`);
  console.error(`scenarios: ${SCENARIOS.map((s) => (s.planned ? `${s.name} (planned)` : s.name)).join(", ")}`);
  process.exit(2);
}

const duration = Number(arg("duration") ?? 10);
const connections = Number(arg("connections") ?? 50);
const searchUsers = arg("search-users") === undefined ? undefined : Number(arg("search-users"));
if (!Number.isFinite(duration) || duration < 1 || duration > 600) usage(`--duration must be 1–600 seconds`);
if (!Number.isInteger(connections) || connections < 1 || connections > 1000) usage(`--connections must be 1–1000`);
if (searchUsers !== undefined && (!Number.isInteger(searchUsers) || searchUsers < 1000 || searchUsers > 10_000_000)) {
  usage(`--search-users must be an integer from 1,000 to 10,000,000`);
}
const wanted = (arg("scenario") ?? "")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
for (const name of wanted) if (!SCENARIOS.some((s) => s.name === name)) usage(`unknown scenario "${name}"`);
const selected = wanted.length ? SCENARIOS.filter((s) => wanted.includes(s.name)) : SCENARIOS;

// --dev: exercise the harness against `next dev` (own folder .next-bench) when no build exists. Figures are meaningless.
const dev = process.argv.includes("--dev");
const build = dev ? "next-dev (harness check only)" : buildId();
if (!build) {
  console.error(`No production build: ${distDir()}/BUILD_ID is missing. Run \`npm run build\` first (the bench never builds).`);
  process.exit(1);
}

const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const opts: Options = { duration, warmup: 3, windows: 3, connections, small: dev, searchUsers };
const startedAt = new Date();
const host = machine();
console.log(`tessera bench — build ${build}, ${duration} s windows, ${connections} connections, ${host.cpus} CPUs, load ${JSON.stringify(host.loadavgAtStart)}`);

const db = await createDatabase(adminUrl);
let server: Awaited<ReturnType<typeof startServer>> | null = null;
let cleaning: Promise<void> | null = null;
const cleanup = () => {
  cleaning ??= (async () => {
    await server?.stop().catch((e) => console.error(`stopping the server: ${String(e)}`));
    await db.drop().catch((e) => console.error(`dropping ${db.name}: ${String(e)}`));
  })();
  return cleaning;
};
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}

const skipped: { name: string; reason: string }[] = [];
let exitCode = 0;
let ctx: BenchCtx | null = null;
try {
  console.log(`database ${db.name}; starting the server…`);
  server = await startServer({ databaseUrl: db.url, dev });
  console.log(`server pid ${server.pid} on ${server.base}`);
  ctx = new BenchCtx(server, db, new AddressPool(), opts);
  const fx = new Fixtures(ctx);
  await ctx.calibrate();

  const order = selected.some((s) => s.name === "health") ? selected : [SCENARIOS[0], ...selected].filter((s) => s !== undefined);
  for (const scenario of order) {
    if (scenario.planned || !scenario.run) {
      skipped.push({ name: scenario.name, reason: scenario.planned ?? "no runner" });
      console.log(`- ${scenario.name}: skipped (${scenario.planned})`);
      continue;
    }
    console.log(`- ${scenario.name}`);
    const t0 = performance.now();
    try {
      const out = await scenario.run(ctx, fx);
      if ("skipped" in out) {
        skipped.push({ name: scenario.name, reason: out.skipped });
        console.log(`  skipped: ${out.skipped}`);
        continue;
      }
      for (const r of out) {
        if (r.name === "health") ctx.health = r;
        ctx.results.push(r);
        const ratio = r.ratioToHealth === null ? "" : `, ${round(r.ratioToHealth * 100)} % of health`;
        console.log(
          `  ${r.name}: ${fmtInt(r.throughput)} req/s${ratio}; open loop ${r.openLoop.rate}/s p50 ${r.openLoop.p50} ms p99 ${r.openLoop.p99} ms; ` +
            `${r.statementsPerRequest ?? "?"} stmts/req; CPU server ${r.cpu.serverPct} % pg ${r.cpu.pgBenchPct} %`,
        );
        for (const [k, v] of Object.entries(r.errorSamples).slice(0, 3)) console.log(`    errors ×${v}: ${k}`);
      }
    } catch (e) {
      exitCode = 1;
      const reason = e instanceof Error ? (e.stack ?? e.message) : String(e);
      skipped.push({ name: scenario.name, reason: `failed: ${reason.split("\n")[0]}` });
      console.error(`  ${scenario.name} failed: ${reason}`);
    }
    console.log(`  (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
} catch (e) {
  exitCode = 1;
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  if (server) console.error(server.output().slice(-4000));
} finally {
  await cleanup();
}

const results: ScenarioResult[] = ctx?.results ?? [];
const report = {
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  build,
  machine: host,
  options: opts,
  provisional: dev
    ? "--dev: against `next dev`, a harness check only — these figures mean nothing"
    : duration < 10
      ? `short smoke run (--duration=${duration}): figures are indicative only; verdicts hold for this run alone`
      : null,
  statementsSource: "server-side counter (TESSERA_BENCH_STATS_FILE hook in db/client.ts); pg_stat_statements is not preloaded here",
  results,
  skipped,
};
const dir = path.join(ROOT, "bench", "results");
mkdirSync(dir, { recursive: true });
// A --dev run never overwrites the real results.
const stem = dev ? "dev-latest" : "latest";
writeFileSync(path.join(dir, `${stem}.json`), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(path.join(dir, `${stem}.md`), toMarkdown(report));
console.log(`results: bench/results/${stem}.json, bench/results/${stem}.md`);

// One scenario asked for: its ratio to /v1/health is the last line.
const focus = wanted.length === 1 ? results.filter((r) => r.name === wanted[0] || r.name.startsWith(`${wanted[0]}-`)) : [];
const healthResult = results.find((r) => r.name === "health");
if (focus.length) {
  console.log(
    focus
      .map((r) =>
        r.name === "health"
          ? `health: ${fmtInt(r.throughput)} req/s (the 100 % reference)`
          : `${r.name}: ${fmtInt(r.throughput)} req/s = ${r.ratioToHealth === null ? "?" : round(r.ratioToHealth * 100)} % of /v1/health (${fmtInt(healthResult?.throughput ?? Number.NaN)} req/s)`,
      )
      .join("; "),
  );
} else if (wanted.length === 1) {
  const why = skipped.find((s) => s.name === wanted[0]);
  console.log(`${wanted[0]}: no result${why ? ` (${why.reason})` : ""}`);
}
process.exit(exitCode);
