import { cookies } from "next/headers";
import type { AppRow } from "@/lib/apps/find-app";
import { getEnv } from "@/lib/env";

/**
 * The pending hosted sign-in of this browser, kept out of URLs (threats: a
 * URL leaks through history, logs and Referer): the magic link polling id or
 * the OTP challenge token, in an httpOnly, SameSite=Lax cookie scoped to the
 * app's `/login/{app_id}` path and living no longer than the link or code.
 */
export type HostedFlow = { kind: "magic"; id: string } | { kind: "otp"; token: string } | { kind: "mfa"; token: string };

const NAME = "tessera_signin";

export function loginPath(app: Pick<AppRow, "publicId">): string {
  return `/login/${encodeURIComponent(app.publicId)}`;
}

export async function setHostedFlow(app: Pick<AppRow, "publicId">, flow: HostedFlow, maxAgeSeconds: number): Promise<void> {
  const value = flow.kind === "magic" ? `m.${flow.id}` : flow.kind === "otp" ? `o.${flow.token}` : `f.${flow.token}`;
  (await cookies()).set(NAME, value, {
    httpOnly: true,
    sameSite: "lax",
    secure: getEnv().baseUrl.startsWith("https:"),
    path: loginPath(app),
    maxAge: Math.max(1, Math.floor(maxAgeSeconds)),
  });
}

export async function readHostedFlow(): Promise<HostedFlow | null> {
  const raw = (await cookies()).get(NAME)?.value;
  if (!raw || raw.length > 2048) return null;
  if (raw.startsWith("m.")) return { kind: "magic", id: raw.slice(2) };
  if (raw.startsWith("o.")) return { kind: "otp", token: raw.slice(2) };
  // The pending second factor of a sign-in (the `mfa` challenge token).
  if (raw.startsWith("f.")) return { kind: "mfa", token: raw.slice(2) };
  return null;
}

export async function clearHostedFlow(app: Pick<AppRow, "publicId">): Promise<void> {
  (await cookies()).set(NAME, "", { httpOnly: true, sameSite: "lax", path: loginPath(app), maxAge: 0 });
}
