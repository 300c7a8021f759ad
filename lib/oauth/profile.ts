/**
 * The signed-in provider account, read through openid-client: OpenID
 * Connect ID-token claims (validated by authorizationCodeGrant: issuer,
 * audience, expiry, nonce) merged with the UserInfo response (subject
 * checked); GitHub's user API for plain OAuth 2. Only an email the provider
 * itself marks verified counts.
 */
import * as client from "openid-client";
import { GITHUB, type CatalogEntry } from "@/lib/oauth/catalog";

export interface ProviderProfile {
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

type Tokens = Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

const isTrue = (v: unknown) => v === true || v === "true";

export async function fetchProfile(entry: CatalogEntry, config: client.Configuration, tokens: Tokens): Promise<ProviderProfile> {
  if (entry.protocol === "github") return githubProfile(config, tokens.access_token);
  const claims = tokens.claims();
  if (!claims) throw new Error("no ID token");
  let merged: Record<string, unknown> = { ...claims };
  if (config.serverMetadata().userinfo_endpoint) {
    const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    merged = { ...merged, ...info };
  }
  const email = typeof merged.email === "string" ? merged.email : null;
  // Microsoft Entra marks a verified domain owner's address with the optional claim `xms_edov`.
  const verified = isTrue(merged.email_verified) || (entry.slug === "microsoft" && isTrue(merged.xms_edov));
  const name = typeof merged.name === "string" ? merged.name : null;
  return { subject: claims.sub, email, emailVerified: email !== null && verified, name };
}

async function githubJson(config: client.Configuration, accessToken: string, url: string): Promise<unknown> {
  const headers = new Headers({ accept: "application/vnd.github+json", "user-agent": "Tessera", "x-github-api-version": "2022-11-28" });
  const res = await client.fetchProtectedResource(config, accessToken, new URL(url), "GET", undefined, headers);
  if (!res.ok) throw new Error(`GitHub API answered ${res.status}`);
  return res.json();
}

async function githubProfile(config: client.Configuration, accessToken: string): Promise<ProviderProfile> {
  const user = (await githubJson(config, accessToken, GITHUB.userApi)) as { id?: unknown; name?: unknown };
  if (typeof user.id !== "number" && typeof user.id !== "string") throw new Error("GitHub user without id");
  const emails = (await githubJson(config, accessToken, GITHUB.emailsApi)) as unknown;
  const list = Array.isArray(emails) ? (emails as { email?: unknown; primary?: unknown; verified?: unknown }[]) : [];
  const verified = list.filter((e) => typeof e.email === "string" && e.verified === true);
  const chosen = verified.find((e) => e.primary === true) ?? verified[0];
  return {
    subject: String(user.id),
    email: chosen ? String(chosen.email) : null,
    emailVerified: chosen !== undefined,
    name: typeof user.name === "string" ? user.name : null,
  };
}
