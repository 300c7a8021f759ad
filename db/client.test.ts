import type postgres from "postgres";
import { describe, expect, it } from "vitest";
import { gatePostgres } from "./client";

/** A stand-in for postgres.js: each query stays in flight until released, in the order it started. */
function fakeSql() {
  const state = { active: 0, peak: 0, started: [] as string[], release: [] as (() => void)[] };
  const start = (q: string) => {
    state.active++;
    state.peak = Math.max(state.peak, state.active);
    state.started.push(q);
    return new Promise<string[]>((resolve) =>
      state.release.push(() => {
        state.active--;
        resolve([q]);
      }),
    );
  };
  const sql = {
    unsafe: (q: string) => {
      const p = start(q) as Promise<string[]> & { values: () => Promise<string[]> };
      p.values = () => p;
      return p;
    },
    begin: async (cb: (tx: { unsafe: (q: string) => Promise<string[]> }) => Promise<unknown>) => {
      await start("begin");
      return cb({ unsafe: async (q: string) => [q] });
    },
  };
  return { state, sql: sql as unknown as postgres.Sql };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

/** Release in-flight queries one by one until every pending call has settled. */
async function drain(state: ReturnType<typeof fakeSql>["state"], pending: Promise<unknown>[]): Promise<void> {
  let settled = false;
  const all = Promise.all(pending).finally(() => (settled = true));
  for (let i = 0; !settled && i < 1000; i++) {
    await tick();
    state.release.shift()?.();
  }
  await all;
}

describe("gatePostgres (targets §2.5: in-flight queries capped at the pool size)", () => {
  it("never runs more than `permits` queries at once, and starts them first in, first out", async () => {
    const { state, sql } = fakeSql();
    const gated = gatePostgres(sql, 3);
    const pending = Array.from({ length: 10 }, (_, i) =>
      // Drizzle either calls .values() on the pending query or awaits it.
      i % 2 ? gated.unsafe(`q${i}`).values() : gated.unsafe(`q${i}`).then((rows) => rows),
    );
    await tick();
    expect(state.active).toBe(3);
    expect(state.started).toEqual(["q0", "q1", "q2"]);
    await drain(state, pending);
    expect(state.peak).toBe(3);
    expect(state.started).toEqual(Array.from({ length: 10 }, (_, i) => `q${i}`));
    expect(await pending[4]).toEqual(["q4"]);
  });

  it("holds one permit for a whole transaction; its inner queries are not gated (no self-deadlock)", async () => {
    const { state, sql } = fakeSql();
    const gated = gatePostgres(sql, 1);
    const tx = gated.begin(async (t) => {
      // With one permit, a gated inner query would wait for the transaction forever.
      const rows = await (t as unknown as { unsafe: (q: string) => Promise<string[]> }).unsafe("inner");
      return rows;
    });
    const after = gated.unsafe("after").then((rows) => rows);
    await tick();
    expect(state.started).toEqual(["begin"]);
    await drain(state, [tx, after]);
    expect(await tx).toEqual(["inner"]);
    expect(state.started).toEqual(["begin", "after"]);
    expect(state.peak).toBe(1);
  });
});
