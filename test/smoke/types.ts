/**
 * What test/http-smoke.ts hands each area's smoke checks: a running
 * production server (base URL), the bootstrap workspace key, one app created
 * with it (origin http://localhost:5173), and the check/request helpers.
 * Each area lives in its own file here and exports `default async function (s: Smoke)`.
 */
export interface SmokeResponse {
  status: number;
  json: any;
  text: string;
  headers: Headers;
}

export interface Smoke {
  base: string;
  engine: "pglite" | "postgres";
  /** The bootstrap workspace key (scwor_…). */
  key: string;
  /** Public id of an app created with that key. */
  app: string;
  check(name: string, ok: boolean, detail?: string): void;
  req(
    method: string,
    path: string,
    opts?: { key?: string; body?: string | FormData; type?: string; headers?: Record<string, string> },
  ): Promise<SmokeResponse>;
}
