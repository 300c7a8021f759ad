/**
 * The load generator: node:http keep-alive connections (one Agent with one
 * socket each), a closed loop at a fixed number of connections, and an open
 * loop that schedules requests at a fixed rate and measures every latency
 * from the scheduled instant, so a slow server cannot hide its queueing
 * (no coordinated omission).
 *
 * Rate limits stay on: each connection binds a loopback source address
 * (127.0.0.0/8 is all loopback on Linux) and moves to a fresh one after
 * `perAddress` requests. Addresses are never reused within one run.
 */
import http from "node:http";

export interface Op {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Status(es) that count as success. */
  expect: number | readonly number[];
  /** Latency class (per-class percentiles, e.g. users-search term kinds). */
  tag?: string;
  /** Called with the response, success or not (e.g. to chain refresh tokens). */
  done?: (status: number, body: string) => void;
}

export interface Workload {
  /** Requests allowed per source address before the connection moves to a fresh one. */
  perAddress: number;
  /** The next request, or null when the workload's supply is exhausted. */
  next(): Op | null;
  /** Make sure at least `requests` more ops can be served (called before every phase). */
  prepare?(requests: number): Promise<void>;
}

/** 127.a.b.c addresses, never 127.0.0.1 (left to everything else), each handed out once. */
export class AddressPool {
  private n = 0;
  constructor(private readonly firstOctet = 10) {}
  next(): string {
    const k = this.n++;
    const c = 1 + (k % 254);
    const b = Math.floor(k / 254) % 256;
    const a = this.firstOctet + Math.floor(k / (254 * 256));
    if (a > 254) throw new Error("loopback address pool exhausted");
    return `127.${a}.${b}.${c}`;
  }
  get used(): number {
    return this.n;
  }
}

export interface Response {
  status: number;
  body: string;
}

/** One keep-alive connection bound to one source address at a time. */
export class Conn {
  private agent: http.Agent;
  private address: string;
  private used = 0;
  busy = false;

  constructor(
    private readonly port: number,
    private readonly addresses: AddressPool,
  ) {
    this.address = addresses.next();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  }

  send(op: Op, perAddress: number): Promise<Response> {
    if (this.used >= perAddress) this.rotate();
    this.used++;
    const headers: Record<string, string> = { ...op.headers };
    if (op.body !== undefined) {
      headers["content-type"] ??= "application/json";
      headers["content-length"] = String(Buffer.byteLength(op.body));
    }
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: this.port,
          method: op.method,
          path: op.path,
          headers,
          agent: this.agent,
          localAddress: this.address,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", (e) => resolve({ status: 0, body: String(e) }));
        },
      );
      req.on("error", (e) => resolve({ status: 0, body: String(e) }));
      req.end(op.body);
    });
  }

  private rotate(): void {
    this.agent.destroy();
    this.agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    this.address = this.addresses.next();
    this.used = 0;
  }

  close(): void {
    this.agent.destroy();
  }
}

function ok(op: Op, status: number): boolean {
  return typeof op.expect === "number" ? status === op.expect : op.expect.includes(status);
}

export interface PhaseResult {
  /** Measured seconds (shorter than asked when the workload ran out). */
  seconds: number;
  completed: number;
  errors: number;
  /** Successful requests per second. */
  rate: number;
  /** Latencies in ms of the requests that completed in the phase (successes and errors). */
  latencies: number[];
  tags: Map<string, number[]>;
  errorSamples: Map<string, number>;
  exhausted: boolean;
  /** Open loop only: requests scheduled, and those that never completed in time. */
  scheduled?: number;
  timedOut?: number;
  /** Open loop only: connections the generator had to open to keep to the schedule. */
  connections?: number;
}

function record(r: PhaseResult, op: Op, res: Response, ms: number): void {
  r.latencies.push(ms);
  if (op.tag) {
    const list = r.tags.get(op.tag) ?? [];
    list.push(ms);
    r.tags.set(op.tag, list);
  }
  if (ok(op, res.status)) {
    r.completed++;
  } else {
    r.errors++;
    const key = `${res.status} ${res.body.slice(0, 160)}`;
    r.errorSamples.set(key, (r.errorSamples.get(key) ?? 0) + 1);
  }
  try {
    op.done?.(res.status, res.body);
  } catch {
    // A scenario's bookkeeping must not kill the generator.
  }
}

function emptyPhase(): PhaseResult {
  return { seconds: 0, completed: 0, errors: 0, rate: 0, latencies: [], tags: new Map(), errorSamples: new Map(), exhausted: false };
}

/**
 * Closed loop: `connections` workers, each sending its next request as soon
 * as the previous one answered, for `seconds`. Requests still in flight at the
 * deadline are drained but not counted.
 */
export async function closedLoop(opts: {
  port: number;
  addresses: AddressPool;
  workload: Workload;
  connections: number;
  seconds: number;
}): Promise<PhaseResult> {
  const { workload } = opts;
  const r = emptyPhase();
  const conns = Array.from({ length: opts.connections }, () => new Conn(opts.port, opts.addresses));
  const start = performance.now();
  const deadline = start + opts.seconds * 1000;
  let lastCompletion = start;
  const worker = async (conn: Conn) => {
    for (;;) {
      if (performance.now() >= deadline) return;
      const op = workload.next();
      if (!op) {
        r.exhausted = true;
        return;
      }
      const t0 = performance.now();
      const res = await conn.send(op, workload.perAddress);
      const t1 = performance.now();
      if (t1 <= deadline) {
        record(r, op, res, t1 - t0);
        lastCompletion = t1;
      } else {
        op.done?.(res.status, res.body);
      }
    }
  };
  await Promise.all(conns.map(worker));
  for (const c of conns) c.close();
  r.seconds = (r.exhausted ? Math.min(lastCompletion, deadline) - start : opts.seconds * 1000) / 1000;
  r.rate = r.seconds > 0 ? r.completed / r.seconds : 0;
  return r;
}

/**
 * Open loop: request i is due at start + i / rate whatever happened before;
 * it goes out on an idle connection (a new one is opened when none is idle,
 * up to `maxConnections`; past that it waits in a queue, and the wait counts).
 * Latency = completion − scheduled instant.
 */
export async function openLoop(opts: {
  port: number;
  addresses: AddressPool;
  workload: Workload;
  rate: number;
  seconds: number;
  maxConnections?: number;
  /** Give up on stragglers this long after the last scheduled send. */
  drainSeconds?: number;
}): Promise<PhaseResult> {
  const { workload, rate } = opts;
  const maxConnections = opts.maxConnections ?? 2000;
  const r = emptyPhase();
  const idle: Conn[] = [];
  const all: Conn[] = [];
  const queue: { op: Op; due: number }[] = [];
  let inFlight = 0;
  const total = Math.max(1, Math.floor(rate * opts.seconds));
  const start = performance.now() + 5;
  let sent = 0;

  const dispatch = (conn: Conn, op: Op, due: number) => {
    conn.busy = true;
    inFlight++;
    void conn.send(op, workload.perAddress).then((res) => {
      record(r, op, res, performance.now() - due);
      inFlight--;
      conn.busy = false;
      const waiting = queue.shift();
      if (waiting) dispatch(conn, waiting.op, waiting.due);
      else idle.push(conn);
    });
  };
  const take = (): Conn | null => {
    const conn = idle.pop();
    if (conn) return conn;
    if (all.length >= maxConnections) return null;
    const fresh = new Conn(opts.port, opts.addresses);
    all.push(fresh);
    return fresh;
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      const dueCount = Math.min(total, Math.floor(((now - start) * rate) / 1000) + 1);
      while (sent < dueCount) {
        const due = start + (sent * 1000) / rate;
        sent++;
        const op = workload.next();
        if (!op) {
          r.exhausted = true;
          continue;
        }
        const conn = take();
        if (conn) dispatch(conn, op, due);
        else queue.push({ op, due });
      }
      if (sent >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(5, start + (sent * 1000) / rate - performance.now())));
    };
    tick();
  });
  const drainUntil = performance.now() + (opts.drainSeconds ?? 30) * 1000;
  while ((inFlight > 0 || queue.length > 0) && performance.now() < drainUntil) await new Promise((res) => setTimeout(res, 10));
  r.timedOut = inFlight + queue.length;
  r.scheduled = total;
  r.connections = all.length;
  for (const c of all) c.close();
  r.seconds = opts.seconds;
  r.rate = r.completed / opts.seconds;
  return r;
}

/** Send `n` copies of one request at the same instant, each from its own address; returns the statuses. */
export async function burst(opts: { port: number; addresses: AddressPool; op: () => Op; n: number }): Promise<Response[]> {
  const conns = Array.from({ length: opts.n }, () => new Conn(opts.port, opts.addresses));
  // Open every socket first so that the requests leave together.
  await Promise.all(conns.map((c) => c.send({ method: "GET", path: "/v1/health", expect: 200 }, Infinity)));
  const results = await Promise.all(conns.map((c) => c.send(opts.op(), Infinity)));
  for (const c of conns) c.close();
  return results;
}

/** One request on a throwaway connection (setup calls). */
export async function once(port: number, addresses: AddressPool, op: Op): Promise<Response> {
  const conn = new Conn(port, addresses);
  try {
    return await conn.send(op, Infinity);
  } finally {
    conn.close();
  }
}
