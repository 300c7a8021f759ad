/**
 * The webhook event-type catalogue (spec §16.6; names match the event-log
 * slugs of §17). Endpoints subscribe to names from this list or to `*` (every
 * event of the app). `webhook.test` is only sent by the test endpoint.
 */
export const WEBHOOK_EVENT_TYPES: readonly { name: string; description: string }[] = [
  { name: "user.created", description: "A user was created (sign-up, admin create, import)." },
  { name: "user.updated", description: "A user's profile or meta data changed." },
  { name: "user.deleted", description: "A user was deleted." },
  { name: "user.activated", description: "A user was activated (e.g. their first verified sign-in)." },
  { name: "user.deactivated", description: "A user was deactivated." },
  { name: "user.invited", description: "A user was invited." },
  { name: "user.login", description: "A user signed in." },
  { name: "user.logout", description: "A user signed out." },
  { name: "user.identity_linked", description: "An OAuth identity was linked to a user." },
  { name: "session.created", description: "A session was started." },
  { name: "session.revoked", description: "A session was revoked." },
  { name: "magic_link.sent", description: "A magic link was sent." },
  { name: "otp.sent", description: "A one-time code was sent." },
  { name: "otp.verified", description: "A one-time code was verified." },
  { name: "otp.failed", description: "A one-time code check failed." },
  { name: "oauth.failed", description: "An OAuth sign-in failed." },
  { name: "passkey.registered", description: "A passkey was registered." },
  { name: "passkey.revoked", description: "A passkey was removed." },
  { name: "user.credentials_reset", description: "A user's passkeys and sessions from before their address was proven were removed." },
  { name: "passkey.login", description: "A user signed in with a passkey." },
  { name: "webauthn.credential_added", description: "A WebAuthn credential was added." },
  { name: "webauthn.credential_removed", description: "A WebAuthn credential was removed." },
  { name: "challenge.completed", description: "A challenge was completed." },
  { name: "challenge.failed", description: "A challenge failed." },
  { name: "challenge.denied", description: "A challenge was denied." },
  { name: "challenge.cancelled", description: "A challenge was cancelled." },
  { name: "mfa.enrolled", description: "A user enrolled an MFA method." },
  { name: "mfa.removed", description: "A user removed an MFA method." },
  { name: "mfa.challenged", description: "A sign-in asked the user for a second factor." },
  { name: "mfa.backup_codes_regenerated", description: "A user's backup codes were replaced." },
  ...["email", "sms"].flatMap((channel) =>
    ["requested", "verified", "expired", "failed", "denied", "cancelled", "delivery_failed"].map((state) => ({
      name: `verification.${channel}.${state}`,
      description: `An ${channel} verification was ${state.replace("_", " ")}.`,
    })),
  ),
  { name: "verification.success", description: "A verification succeeded." },
  { name: "app.updated", description: "The app's settings changed." },
  { name: "api_key.created", description: "An API key of the app was created." },
  { name: "api_key.updated", description: "An API key of the app was renamed." },
  { name: "api_key.revoked", description: "An API key of the app was revoked." },
  { name: "user_meta_field.created", description: "A user meta field was created." },
  { name: "user_meta_field.updated", description: "A user meta field was changed." },
  { name: "user_meta_field.deleted", description: "A user meta field was deleted." },
  { name: "signing_key.rotated", description: "The app's token signing key was rotated." },
  { name: "webhook.test", description: "A test delivery sent from the API or dashboard." },
];

const KNOWN = new Set(WEBHOOK_EVENT_TYPES.map((e) => e.name));

export function isKnownEventType(name: string): boolean {
  return name === "*" || KNOWN.has(name);
}

/** Whether an endpoint subscribed to `filter` receives `eventType` (`*` is every event of the app). */
export function eventTypeMatches(filter: readonly string[], eventType: string): boolean {
  return filter.includes("*") || filter.includes(eventType);
}
