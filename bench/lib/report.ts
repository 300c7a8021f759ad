/** bench/results/latest.md: the run as markdown tables. */
import type { ScenarioResult } from "./context";
import { fmtInt, round } from "./stats";

export interface Report {
  startedAt: string;
  build: string;
  machine: Record<string, unknown>;
  options: { duration: number; warmup: number; windows: number; connections: number };
  provisional: string | null;
  results: ScenarioResult[];
  skipped: { name: string; reason: string }[];
}

const cell = (v: unknown) => String(v ?? "–").replace(/\|/g, "\\|");
const num = (n: number | null | undefined, digits = 1) => (n === null || n === undefined || !Number.isFinite(n) ? "–" : String(round(n, digits)));

export function toMarkdown(r: Report): string {
  const m = r.machine;
  const lines: string[] = [
    `# Bench results — ${r.startedAt}`,
    "",
    `Build \`${r.build}\`; ${m.cpus} × ${cell(m.cpuModel)}, ${m.memGiB} GiB, Node ${m.node}, load average at start ${JSON.stringify(m.loadavgAtStart)}.`,
    `Closed loop: ${r.options.connections} keep-alive connections, ${r.options.warmup} s warm-up, median of ${r.options.windows} × ${r.options.duration} s. ` +
      `Open loop: fixed rate (half the throughput unless noted) for ${r.options.duration} s, latency from the scheduled instant.`,
    "",
  ];
  if (r.provisional) lines.push(`> **Provisional:** ${r.provisional}`, "");
  lines.push(
    "| Scenario | req/s (c=50) | % of health | windows | open-loop rate | p50 ms | p99 ms | errors | stmts/req | server CPU % | PG CPU % (bench db) | peak RSS MiB |",
    "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const x of r.results) {
    lines.push(
      `| ${x.name} | ${fmtInt(x.throughput)} | ${x.ratioToHealth === null ? "100 (ref)" : num(x.ratioToHealth * 100)} | ${x.windows.map(fmtInt).join(" / ")} | ${num(x.openLoop.rate, 0)} | ${num(x.openLoop.p50, 2)} | ${num(x.openLoop.p99, 2)} | ${x.closedLoop.errors + x.openLoop.errors + x.openLoop.timedOut} | ${num(x.statementsPerRequest, 2)} | ${num(x.cpu.serverPct)} | ${num(x.cpu.pgBenchPct)} | ${num(x.peakRssMiB, 0)} |`,
    );
  }
  lines.push("", "## Targets", "", "| Scenario | Target | Verdict |", "|---|---|---|");
  for (const x of r.results) for (const [t, v] of Object.entries(x.verdict)) lines.push(`| ${x.name} | ${cell(t)} | ${v === "met" ? "met" : v === "missed" ? "**missed**" : v} |`);
  const checks = r.results.flatMap((x) => x.checks.map((c) => ({ scenario: x.name, ...c })));
  if (checks.length) {
    lines.push("", "## Correctness checks", "", "| Scenario | Check | Result | Detail |", "|---|---|---|---|");
    for (const c of checks) lines.push(`| ${c.scenario} | ${cell(c.name)} | ${c.passed ? "pass" : "**FAIL**"} | ${cell(c.detail)} |`);
  }
  const classes = r.results.filter((x) => x.openLoop.classes);
  for (const x of classes) {
    lines.push("", `## ${x.name}: open-loop latency per class (${num(x.openLoop.rate, 0)} req/s)`, "", "| Class | n | p50 ms | p99 ms |", "|---|---:|---:|---:|");
    for (const [tag, c] of Object.entries(x.openLoop.classes ?? {})) lines.push(`| ${tag} | ${c.n} | ${num(c.p50, 2)} | ${num(c.p99, 2)} |`);
  }
  const notes = r.results.flatMap((x) => [...x.notes.map((n) => `${x.name}: ${n}`), ...Object.entries(x.errorSamples).slice(0, 3).map(([k, v]) => `${x.name}: ${v} × ${k}`)]);
  if (notes.length) lines.push("", "## Notes", "", ...notes.map((n) => `- ${cell(n)}`));
  if (r.skipped.length) lines.push("", "## Skipped", "", ...r.skipped.map((s) => `- \`${s.name}\`: ${s.reason}`));
  lines.push(
    "",
    "CPU is % of one core over the closed-loop windows (the load generator shares the same cores). Statements per request come from the server's bench-only counter over the open-loop phase. Peak RSS is the server's VmHWM since start.",
    "",
  );
  return lines.join("\n");
}
