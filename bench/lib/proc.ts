/**
 * CPU and memory from /proc (Linux): the server's process tree, Postgres
 * backends, and the server's peak RSS (VmHWM).
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;
} catch {
  // 100 on every Linux we care about
}

interface Stat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, in ticks. */
  ticks: number;
}

/** Parse /proc/<pid>/stat (the command may contain spaces and parentheses). */
export function parseStat(line: string): Stat | null {
  const open = line.indexOf("(");
  const close = line.lastIndexOf(")");
  if (open < 0 || close < 0) return null;
  const pid = Number(line.slice(0, open).trim());
  const comm = line.slice(open + 1, close);
  const rest = line.slice(close + 2).split(" ");
  // rest[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  const ppid = Number(rest[1]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  return Number.isFinite(pid) && Number.isFinite(ticks) ? { pid, comm, ppid, ticks } : null;
}

function readStat(pid: number): Stat | null {
  try {
    return parseStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

function allStats(): Stat[] {
  const out: Stat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** CPU ticks of `root` and all its descendants. */
function treeTicks(stats: Stat[], root: number): number {
  const children = new Map<number, Stat[]>();
  for (const s of stats) {
    const list = children.get(s.ppid) ?? [];
    list.push(s);
    children.set(s.ppid, list);
  }
  let sum = 0;
  const stack = stats.filter((s) => s.pid === root);
  while (stack.length) {
    const s = stack.pop();
    if (!s) break;
    sum += s.ticks;
    stack.push(...(children.get(s.pid) ?? []));
  }
  return sum;
}

export interface CpuSample {
  at: number;
  server: number;
  /** Backends serving the bench database (pids given by the caller) plus Postgres' auxiliary processes. */
  pgBench: number;
  /** Every process named postgres (other databases' traffic included). */
  pgAll: number;
}

/**
 * Ticks per pid are cumulative, and backends come and go: the caller passes
 * the bench database's backend pids, and differences are taken per pid.
 */
export function sampleCpu(serverPid: number, benchPids: ReadonlySet<number>, auxPids: ReadonlySet<number>): CpuSample & { perPid: Map<number, number> } {
  const stats = allStats();
  const perPid = new Map<number, number>();
  let pgAll = 0;
  for (const s of stats) {
    if (s.comm !== "postgres") continue;
    pgAll += s.ticks;
    if (benchPids.has(s.pid) || auxPids.has(s.pid)) perPid.set(s.pid, s.ticks);
  }
  return { at: performance.now(), server: treeTicks(stats, serverPid), pgBench: 0, pgAll, perPid };
}

/** CPU use between two samples, in % of one core. */
export function cpuBetween(
  a: ReturnType<typeof sampleCpu>,
  b: ReturnType<typeof sampleCpu>,
): { server: number; pgBench: number; pgAll: number } {
  const seconds = (b.at - a.at) / 1000;
  const pct = (ticks: number) => (seconds > 0 ? (ticks / ticksPerSecond / seconds) * 100 : 0);
  let pgBench = 0;
  for (const [pid, ticks] of b.perPid) pgBench += ticks - (a.perPid.get(pid) ?? 0);
  return { server: pct(b.server - a.server), pgBench: pct(pgBench), pgAll: pct(b.pgAll - a.pgAll) };
}

/** Peak resident set size of a process, in MiB (VmHWM). */
export function peakRssMiB(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Current resident set size, in MiB (VmRSS). */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}
