import { and, asc, eq } from "drizzle-orm";
import { type Executor, getDb } from "@/db/client";
import { webauthnCredentials } from "@/db/schema";
import type { CredentialRow } from "@/lib/passkeys/serialize";

/** Every credential of a user in an app, oldest first. */
export async function credentialsOfUser(appId: string, appUserId: string, db?: Executor): Promise<CredentialRow[]> {
  const exec = db ?? (await getDb());
  return exec
    .select()
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.appId, appId), eq(webauthnCredentials.appUserId, appUserId)))
    .orderBy(asc(webauthnCredentials.createdAt), asc(webauthnCredentials.id));
}

/** The credential with the browser's id within an app (ids of other apps are not found). */
export async function credentialById(appId: string, credentialId: string, db?: Executor): Promise<CredentialRow | null> {
  const exec = db ?? (await getDb());
  const [row] = await exec
    .select()
    .from(webauthnCredentials)
    .where(and(eq(webauthnCredentials.appId, appId), eq(webauthnCredentials.credentialId, credentialId)))
    .limit(1);
  return row ?? null;
}
