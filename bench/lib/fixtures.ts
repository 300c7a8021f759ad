/**
 * Seeded apps and the one-time credentials the sign-in scenarios consume:
 * magic-link tokens and OTP codes (sent through the API, then read back from
 * the dev outbox table, which the bench deletes as it reads so it stays
 * small), and signed-in sessions (access + refresh tokens).
 */
import type { BenchCtx, SeededApp } from "./context";
import type { Op } from "./load";
import { createApp, seedUsers } from "./seed";

/** Rate limits (spec §1.9; the routes' own rules) and how many requests each source address may send. */
export const PER_ADDRESS = {
  /** magic_link_send_ip / otp_send_ip: 30 per IP per 10 minutes. */
  send: 25,
  /** magic_link_verify_ip: 60 per IP per minute. */
  linkVerify: 50,
  /** otp_verify_ip: 100 per IP per 10 minutes. */
  codeVerify: 90,
  unlimited: Number.POSITIVE_INFINITY,
} as const;

export const SIGN_IN_USERS = 100_000;
export const SEARCH_USERS = 1_000_000;

export interface Session {
  access: string;
  refresh: string;
}

function samples(errors: Map<string, number>): string {
  return [...errors].slice(0, 3).map(([k, v]) => `${v} × ${k}`).join("; ") || "no error responses";
}

export class Fixtures {
  private signIn?: Promise<SeededApp>;
  private otp?: Promise<SeededApp>;
  private search?: Promise<SeededApp>;
  private fresh = 0;

  constructor(private readonly ctx: BenchCtx) {}

  private async seeded(name: string, prefix: string, domain: string, n: number, settings: Record<string, unknown>, search = false): Promise<SeededApp> {
    const t0 = performance.now();
    const app = await createApp(this.ctx, name, settings);
    await seedUsers(this.ctx, app, { n, prefix, domain, tag: app.id, search });
    this.ctx.log(`  ${name}: ${n.toLocaleString("en-US")} users seeded in ${Math.round((performance.now() - t0) / 1000)} s`);
    return { ...app, prefix, domain, users: n, cursor: 0 };
  }

  /** Magic-link app with 100,000 active users. */
  signInApp(): Promise<SeededApp> {
    this.signIn ??= this.seeded("bench sign-in", "u", "signin.bench.test", SIGN_IN_USERS, {});
    return this.signIn;
  }

  /** Email-code app (email_auth_type otp) with 100,000 active users. */
  otpApp(): Promise<SeededApp> {
    this.otp ??= this.seeded("bench codes", "o", "otp.bench.test", SIGN_IN_USERS, { email_auth_type: "otp" });
    return this.otp;
  }

  /** 1,000,000 users with names (or --search-users), for the admin search. */
  searchApp(): Promise<SeededApp> {
    this.search ??= this.seeded("bench search", "s", "search.bench.test", this.ctx.opts.searchUsers ?? SEARCH_USERS, {}, true);
    return this.search;
  }

  /** The next unused email of an app: seeded users first (existing accounts), then new ones. */
  nextEmail(app: SeededApp): string {
    if (app.cursor < app.users) return `${app.prefix}${++app.cursor}@${app.domain}`;
    return `new${++this.fresh}@${app.domain}`;
  }

  sendLinkOp(app: SeededApp, done?: Op["done"]): Op {
    return {
      method: "POST",
      path: `/v1/auth/${app.publicId}/magic_links/login`,
      body: JSON.stringify({ identifier: this.nextEmail(app) }),
      expect: 200,
      done,
    };
  }

  authenticateOp(app: SeededApp, token: string, done?: Op["done"]): Op {
    return { method: "PATCH", path: `/v1/auth/${app.publicId}/magic_links/authenticate`, body: JSON.stringify({ token }), expect: 200, done };
  }

  verifyCodeOp(app: SeededApp, code: { challenge: string; code: string }, done?: Op["done"]): Op {
    return {
      method: "POST",
      path: `/v1/auth/${app.publicId}/otps/verify`,
      body: JSON.stringify({ otp: code.code, user_id: code.challenge }),
      expect: 200,
      done,
    };
  }

  /** Send `n` login links (setup, at full concurrency) and return their tokens, read from the outbox table. */
  async linkTokens(app: SeededApp, n: number): Promise<string[]> {
    const tokens: string[] = [];
    for (let attempt = 0; attempt < 3 && tokens.length < n; attempt++) {
      const ops = Array.from({ length: n - tokens.length }, () => this.sendLinkOp(app));
      const r = await this.ctx.drive(ops, PER_ADDRESS.send);
      if (r.errors) this.ctx.log(`  link sends: ${r.errors} errors: ${samples(r.errorSamples)}`);
      tokens.push(...(await this.harvestLinks(app)));
    }
    if (tokens.length < n) throw new Error(`could only obtain ${tokens.length} of ${n} magic-link tokens`);
    return tokens;
  }

  /** Every captured link of an app, removed from the outbox as it is read. */
  async harvestLinks(app: SeededApp): Promise<string[]> {
    const rows = await this.ctx.db.sql<{ links: string[] }[]>`delete from outbox_messages where app_id = ${app.id} returning links`;
    const tokens: string[] = [];
    for (const row of rows) {
      for (const link of row.links ?? []) {
        const token = new URL(link, "http://x").searchParams.get("sct_magic");
        if (token) {
          tokens.push(token);
          break;
        }
      }
    }
    return tokens;
  }

  /** Send `n` email codes and return (challenge token, code) pairs. */
  async codes(app: SeededApp, n: number): Promise<{ challenge: string; code: string }[]> {
    const out: { challenge: string; code: string }[] = [];
    for (let attempt = 0; attempt < 3 && out.length < n; attempt++) {
      const challenges = new Map<string, string>();
      const ops: Op[] = Array.from({ length: n - out.length }, () => {
        const email = this.nextEmail(app);
        return {
          method: "POST",
          path: `/v1/auth/${app.publicId}/otps/login`,
          body: JSON.stringify({ identifier: email }),
          expect: 200,
          done: (status, body) => {
            if (status === 200) challenges.set(email, JSON.parse(body).user_id);
          },
        };
      });
      const r = await this.ctx.drive(ops, PER_ADDRESS.send);
      if (r.errors) this.ctx.log(`  code sends: ${r.errors} errors: ${samples(r.errorSamples)}`);
      const rows = await this.ctx.db.sql<{ to: string; code: string | null }[]>`
        delete from outbox_messages where app_id = ${app.id} returning "to", code`;
      for (const row of rows) {
        const challenge = challenges.get(row.to.toLowerCase()) ?? challenges.get(row.to);
        if (challenge && row.code) out.push({ challenge, code: row.code });
      }
    }
    if (out.length < n) throw new Error(`could only obtain ${out.length} of ${n} codes`);
    return out;
  }

  /** `n` signed-in sessions of the sign-in app (link → authenticate). */
  async sessions(n: number): Promise<Session[]> {
    const app = await this.signInApp();
    const tokens = await this.linkTokens(app, n);
    const sessions: Session[] = [];
    const ops = tokens.map((t) =>
      this.authenticateOp(app, t, (status, body) => {
        if (status !== 200) return;
        const json = JSON.parse(body);
        if (json.access && json.refresh) sessions.push({ access: json.access, refresh: json.refresh });
      }),
    );
    const r = await this.ctx.drive(ops, PER_ADDRESS.linkVerify);
    if (sessions.length < n) throw new Error(`could only sign in ${sessions.length} of ${n} sessions: ${samples(r.errorSamples)}`);
    return sessions;
  }
}
