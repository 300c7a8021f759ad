/**
 * The context every verb receives: who is calling (actor), on whose behalf
 * (tenant, resolved from the credential, never from the body), and the
 * request's identity and clock.
 */
export type Actor =
  | {
      type: "apiKey";
      keyId: string;
      keyKind: "app" | "workspace";
      /** The key's own workspace. */
      workspaceId: string;
      /** Internal id of the key's app (app keys only). */
      appId: string | null;
    }
  | {
      /** An app user acting through a session token (access or refresh JWT). */
      type: "endUser";
      /** Internal id of the session's app. */
      appId: string;
      appUserId: string;
      sessionId: string;
      /** WebAuthn credential of a passkey session, else null. */
      credentialId: string | null;
    }
  | {
      /** A backend acting through an M2M session (spec §18): access JWT or `scm2m_…` short token. */
      type: "m2m";
      /** Internal id of the session's app. */
      appId: string;
      workspaceId: string;
      sessionId: string;
    }
  | {
      /** A workspace member signed in to the dashboard app (spec §1.3 "dashboard" credential). */
      type: "member";
      memberId: string;
      /** The dashboard app session behind the access token. */
      sessionId: string;
    }
  | { type: "system" }
  | { type: "anonymous" };

export interface Ctx {
  requestId: string;
  now: Date;
  ip: string | null;
  userAgent: string | null;
  actor: Actor;
}

export type ApiKeyActor = Extract<Actor, { type: "apiKey" }>;
export type EndUserActor = Extract<Actor, { type: "endUser" }>;
export type M2mActor = Extract<Actor, { type: "m2m" }>;
export type MemberActor = Extract<Actor, { type: "member" }>;

/** A context for work that no request started (first start, CLI, sweeps). */
export function systemCtx(requestId = "system"): Ctx {
  return { requestId, now: new Date(), ip: null, userAgent: null, actor: { type: "system" } };
}

export function actorLabel(actor: Actor): { actorType: string; actorId: string | null } {
  switch (actor.type) {
    case "apiKey":
      return { actorType: "api_key", actorId: actor.keyId };
    case "endUser":
      return { actorType: "end_user", actorId: actor.appUserId };
    case "m2m":
      return { actorType: "m2m", actorId: actor.sessionId };
    case "member":
      return { actorType: "member", actorId: actor.memberId };
    case "system":
      return { actorType: "system", actorId: null };
    case "anonymous":
      return { actorType: "anonymous", actorId: null };
  }
}
