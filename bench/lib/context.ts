/**
 * What scenarios share: the server and database under test, the loopback
 * address pool, API helpers, seeded apps, token supplies, and `measure()`,
 * which runs one workload through the standard protocol:
 *
 *   warm-up (closed loop) → 3 closed-loop windows (median = throughput)
 *   → open loop at a fixed rate (p50/p99 from the scheduled instants)
 *
 * with server/Postgres CPU over the closed windows, DB statements per
 * request over the open loop, and the server's peak RSS.
 */
import os from "node:os";
import { type AddressPool, closedLoop, once, type Op, openLoop, type PhaseResult, type Workload } from "./load";
import { cpuBetween, peakRssMiB, rssMiB, sampleCpu } from "./proc";
import type { Database, Server } from "./server";
import { median, quantile, round } from "./stats";

export interface Options {
  duration: number;
  warmup: number;
  windows: number;
  connections: number;
  /** --dev: shrink fixtures (sessions, chains) so the harness can be exercised against `next dev`. */
  small?: boolean;
  /** --search-users: users seeded for the users-search scenario (default SEARCH_USERS). */
  searchUsers?: number;
}

export interface Targets {
  /** Minimum throughput as a fraction of GET /v1/health measured in the same run. */
  minRatio?: number;
  /** Maximum DB statements per request. */
  maxStatements?: number;
  /** Maximum open-loop p99 in ms. */
  maxP99Ms?: number;
  /** Minimum absolute throughput (req/s) at `connections`. */
  minRate?: number;
}

export interface Check {
  name: string;
  passed: boolean;
  detail: string;
}

export interface ScenarioResult {
  name: string;
  description: string;
  throughput: number;
  windows: number[];
  closedLoop: { p50: number; p99: number; errors: number };
  openLoop: {
    rate: number;
    p50: number;
    p99: number;
    max: number;
    errors: number;
    timedOut: number;
    connections: number;
    classes?: Record<string, { n: number; p50: number; p99: number }>;
  };
  cpu: { serverPct: number; pgBenchPct: number; pgAllPct: number };
  statementsPerRequest: number | null;
  peakRssMiB: number;
  rssAfterMiB: number;
  ratioToHealth: number | null;
  errorSamples: Record<string, number>;
  checks: Check[];
  targets: Targets;
  verdict: Record<string, "met" | "missed" | "not measured">;
  notes: string[];
}

export interface SeededApp {
  publicId: string;
  id: string;
  workspaceId: string;
  key: string;
  /** Seeded users' emails: `${prefix}${i}@${domain}`, i in 1..users. */
  prefix: string;
  domain: string;
  users: number;
  /** Next seeded email to use for a send (each is used once per run). */
  cursor: number;
}

export interface ApiResult {
  status: number;
  json: any;
  body: string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class BenchCtx {
  readonly results: ScenarioResult[] = [];
  health: ScenarioResult | null = null;
  readonly log: (line: string) => void;

  constructor(
    readonly server: Server,
    readonly db: Database,
    readonly addresses: AddressPool,
    readonly opts: Options,
    log?: (line: string) => void,
  ) {
    this.log = log ?? ((line) => console.log(line));
  }

  async api(method: string, path: string, opts: { key?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<ApiResult> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.key) headers.authorization = `Bearer ${opts.key}`;
    const op: Op = { method, path, headers, expect: 200, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) };
    const res = await once(this.server.port, this.addresses, op);
    let json: any = null;
    try {
      json = JSON.parse(res.body);
    } catch {
      // not JSON
    }
    return { status: res.status, json, body: res.body };
  }

  /** Run a finite list of ops at full concurrency (setup work, not measured). */
  async drive(ops: Op[], perAddress: number, connections = this.opts.connections): Promise<PhaseResult> {
    let i = 0;
    return closedLoop({
      port: this.server.port,
      addresses: this.addresses,
      connections: Math.max(1, Math.min(connections, ops.length)),
      seconds: 3600,
      workload: { perAddress, next: () => ops[i++] ?? null },
    });
  }

  /** Postgres backends of the bench database, and Postgres' own auxiliary processes. */
  private async pgPids(): Promise<{ bench: Set<number>; aux: Set<number> }> {
    const rows = await this.db.sql<{ pid: number; bench: boolean }[]>`
      select pid, (datname = ${this.db.name}) as bench from pg_stat_activity
      where datname = ${this.db.name} or backend_type not in ('client backend', 'autovacuum worker', 'parallel worker')`;
    return {
      bench: new Set(rows.filter((r) => r.bench).map((r) => r.pid)),
      aux: new Set(rows.filter((r) => !r.bench).map((r) => r.pid)),
    };
  }

  /** Background statements per second of an idle server (the message sender polls), from calibrate(). */
  backgroundStatementsPerSecond = 0;

  /** Wait until the server's statement counter has caught up (it writes at most once a second). */
  private async settledStatements(): Promise<{ count: number; at: number } | null> {
    await sleep(1300);
    return this.server.statements();
  }

  /** Measure the idle server's own statement rate, subtracted from every per-request figure. */
  async calibrate(seconds = 6): Promise<void> {
    const a = await this.settledStatements();
    await sleep(seconds * 1000);
    const b = await this.settledStatements();
    if (a && b && b.at > a.at) this.backgroundStatementsPerSecond = (b.count - a.count) / ((b.at - a.at) / 1000);
    this.log(`  idle server: ${round(this.backgroundStatementsPerSecond, 2)} background statements/s (subtracted below)`);
  }

  async measure(
    name: string,
    description: string,
    workload: Workload,
    opts: { targets: Targets; openRate?: number; checks?: Check[]; notes?: string[] } = { targets: {} },
  ): Promise<ScenarioResult> {
    const { port } = this.server;
    const { duration, warmup, windows, connections } = this.opts;
    const notes = [...(opts.notes ?? [])];
    this.log(`  ${name}: warm-up ${warmup} s`);
    let guess = this.health?.throughput ?? 2000;
    await workload.prepare?.(Math.ceil(guess * warmup * 1.2));
    const warm = await closedLoop({ port, addresses: this.addresses, workload, connections, seconds: warmup });
    guess = Math.max(warm.rate, 1);

    const rates: number[] = [];
    const closedLatencies: number[] = [];
    let closedErrors = 0;
    const errorSamples: Record<string, number> = {};
    const cpu = { server: 0, pgBench: 0, pgAll: 0, seconds: 0 };
    for (let w = 0; w < windows; w++) {
      await workload.prepare?.(Math.ceil(guess * duration * 1.3));
      const pids = await this.pgPids();
      const a = sampleCpu(this.server.pid, pids.bench, pids.aux);
      const r = await closedLoop({ port, addresses: this.addresses, workload, connections, seconds: duration });
      const pids2 = await this.pgPids();
      const b = sampleCpu(this.server.pid, new Set([...pids.bench, ...pids2.bench]), pids.aux);
      const c = cpuBetween(a, b);
      cpu.server += c.server * r.seconds;
      cpu.pgBench += c.pgBench * r.seconds;
      cpu.pgAll += c.pgAll * r.seconds;
      cpu.seconds += r.seconds;
      rates.push(r.rate);
      closedLatencies.push(...r.latencies);
      closedErrors += r.errors;
      for (const [k, v] of r.errorSamples) errorSamples[k] = (errorSamples[k] ?? 0) + v;
      if (r.exhausted) notes.push(`window ${w + 1}: the workload's supply ran out after ${round(r.seconds, 2)} s (rate taken over that time)`);
      this.log(`  ${name}: window ${w + 1}/${windows}: ${round(r.rate)} req/s${r.errors ? `, ${r.errors} errors` : ""}`);
      guess = Math.max(r.rate, 1);
    }
    const throughput = median(rates);

    const openRate = Math.max(1, opts.openRate ?? throughput / 2);
    await workload.prepare?.(Math.ceil(openRate * duration * 1.1) + 10);
    const s0 = await this.settledStatements();
    this.log(`  ${name}: open loop at ${round(openRate)} req/s for ${duration} s`);
    const open = await openLoop({ port, addresses: this.addresses, workload, rate: openRate, seconds: duration });
    const s1 = await this.settledStatements();
    const sentOpen = open.completed + open.errors;
    for (const [k, v] of open.errorSamples) errorSamples[k] = (errorSamples[k] ?? 0) + v;
    if (open.exhausted) notes.push("open loop: the workload's supply ran out; some scheduled requests were not sent");
    const classes: Record<string, { n: number; p50: number; p99: number }> = {};
    for (const [tag, list] of open.tags) classes[tag] = { n: list.length, p50: round(quantile(list, 0.5), 2), p99: round(quantile(list, 0.99), 2) };

    const statementsPerRequest =
      s0 && s1 && sentOpen > 0
        ? round(Math.max(0, s1.count - s0.count - (this.backgroundStatementsPerSecond * (s1.at - s0.at)) / 1000) / sentOpen, 2)
        : null;
    const health = this.health;
    const result: ScenarioResult = {
      name,
      description,
      throughput: round(throughput),
      windows: rates.map((r) => round(r)),
      closedLoop: { p50: round(quantile(closedLatencies, 0.5), 2), p99: round(quantile(closedLatencies, 0.99), 2), errors: closedErrors },
      openLoop: {
        rate: round(openRate),
        p50: round(quantile(open.latencies, 0.5), 2),
        p99: round(quantile(open.latencies, 0.99), 2),
        max: round(Math.max(0, ...open.latencies), 1),
        errors: open.errors,
        timedOut: open.timedOut ?? 0,
        connections: open.connections ?? 0,
        ...(Object.keys(classes).length ? { classes } : {}),
      },
      cpu: {
        serverPct: round(cpu.seconds ? cpu.server / cpu.seconds : 0),
        pgBenchPct: round(cpu.seconds ? cpu.pgBench / cpu.seconds : 0),
        pgAllPct: round(cpu.seconds ? cpu.pgAll / cpu.seconds : 0),
      },
      statementsPerRequest,
      peakRssMiB: round(peakRssMiB(this.server.pid)),
      rssAfterMiB: round(rssMiB(this.server.pid)),
      ratioToHealth: health && health.throughput > 0 && name !== "health" ? round(throughput / health.throughput, 3) : null,
      errorSamples,
      checks: opts.checks ?? [],
      targets: opts.targets,
      verdict: {},
      notes,
    };
    result.verdict = verdictOf(result);
    return result;
  }
}

/** Each target against what was measured; a figure that was not measured is never "met". */
export function verdictOf(r: ScenarioResult): ScenarioResult["verdict"] {
  const v: ScenarioResult["verdict"] = {};
  const t = r.targets;
  const judge = (ok: boolean | null) => (ok === null ? "not measured" : ok ? "met" : "missed");
  const errorFree = r.closedLoop.errors === 0 && r.openLoop.errors === 0 && r.openLoop.timedOut === 0;
  if (t.minRatio !== undefined) v[`throughput ≥ ${Math.round(t.minRatio * 100)} % of /v1/health`] = judge(r.ratioToHealth === null ? null : r.ratioToHealth >= t.minRatio && errorFree);
  if (t.minRate !== undefined) v[`throughput ≥ ${t.minRate} req/s`] = judge(Number.isFinite(r.throughput) ? r.throughput >= t.minRate && errorFree : null);
  // 0.01 of slack: the idle server's own statements are subtracted as a rate, not exactly.
  if (t.maxStatements !== undefined) v[`≤ ${t.maxStatements} DB statements per request`] = judge(r.statementsPerRequest === null ? null : r.statementsPerRequest <= t.maxStatements + 0.01);
  if (t.maxP99Ms !== undefined) v[`open-loop p99 ≤ ${t.maxP99Ms} ms`] = judge(Number.isFinite(r.openLoop.p99) ? r.openLoop.p99 <= t.maxP99Ms && r.openLoop.timedOut === 0 : null);
  for (const c of r.checks) v[c.name] = c.passed ? "met" : "missed";
  return v;
}

export function machine(): Record<string, unknown> {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memGiB: round(os.totalmem() / 2 ** 30),
    loadavgAtStart: os.loadavg().map((l) => round(l, 2)),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}
