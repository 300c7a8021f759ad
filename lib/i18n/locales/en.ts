/**
 * English: the reference catalog. Every other language is a file beside this
 * one typed as `Catalog`, so a missing or misspelt key fails the type check.
 * Placeholders are `{name}`; a `{ one, other }` entry is chosen by `{count}`.
 */
const en = {
  "email.footer.ignore": "If you did not ask for this, you can ignore this email: nothing happens without it.",
  "email.footer.requested_from": "Requested from {device} (IP {ip}).",
  "email.footer.requested_from_device": "Requested from {device}.",
  "email.footer.requested_from_ip": "Requested from IP {ip}.",
  "email.footer.sent_by": "Sent by {app}.",
  "email.link.fallback": "If the button does not work, copy this link into your browser:",
  "email.link.expires": {
    one: "This link expires in {count} minute and can be used once.",
    other: "This link expires in {count} minutes and can be used once.",
  },
  "email.code.expires": {
    one: "This code expires in {count} minute.",
    other: "This code expires in {count} minutes.",
  },

  "email.login.subject": "Your sign-in link for {app}",
  "email.login.preview": "Sign in to {app} with one click",
  "email.login.heading": "Sign in to {app}",
  "email.login.intro": "Use the button below to sign in to {app}.",
  "email.login.button": "Sign in",

  "email.register.subject": "Confirm your email for {app}",
  "email.register.preview": "Confirm your email address to finish signing up for {app}",
  "email.register.heading": "Confirm your email",
  "email.register.intro": "Confirm that this is your email address to finish creating your {app} account.",
  "email.register.button": "Confirm email",

  "email.code.subject": "Your sign-in code for {app}",
  "email.code.preview": "Your {app} sign-in code",
  "email.code.heading": "Your sign-in code",
  "email.code.intro": "Enter this code to sign in to {app}:",

  "email.invite.subject": "You're invited to {app}",
  "email.invite.preview": "Accept your invitation to {app}",
  "email.invite.heading": "You're invited to {app}",
  "email.invite.intro": "You have been invited to join {app}. Use the button below to accept the invitation and sign in.",
  "email.invite.button": "Accept invitation",
} as const;

type Entry = string | { readonly one: string; readonly other: string };
/** Every message key, with the shape of its entry (plain or plural). */
export type Catalog = { readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : { one: string; other: string } };
export type MessageKey = keyof typeof en;

export default en satisfies Record<string, Entry> as Catalog;
