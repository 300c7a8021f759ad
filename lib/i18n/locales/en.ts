/**
 * English: the reference catalog. Every other language is a file beside this
 * one typed as `Catalog`, so a missing or misspelt key fails the type check.
 * Placeholders are `{name}`; a `{ one, other }` entry is chosen by `{count}`.
 */
import enOauth from "./oauth.en";
import enPasskeys from "./passkeys.en";
import enSignup from "./signup.en";

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
  "hosted.title": "Sign in to {app}",
  "hosted.intro": "Enter your email address and we'll send you a way to sign in.",
  "hosted.intro_phone": "Enter your email address or phone number and we'll send you a way to sign in.",
  "hosted.identifier.label_email": "Email address",
  "hosted.identifier.label_any": "Email address or phone number",
  "hosted.continue": "Continue",
  "hosted.sending": "Sending…",
  "hosted.error.invalid_identifier": "Enter a valid email address.",
  "hosted.error.invalid_identifier_any": "Enter a valid email address or phone number.",
  "hosted.error.signup_disabled": "There is no account for this address, and sign-up is closed for {app}.",
  "hosted.error.inactive": "This account is disabled. Contact {app} for help.",
  "hosted.error.rate_limited": "Too many attempts. Wait a few minutes and try again.",
  "hosted.error.generic": "Something went wrong. Please try again.",
  "hosted.app_not_found.title": "App not found",
  "hosted.app_not_found.body": "This sign-in page does not exist. Check the address, or go back to the app and try again.",
  "hosted.check_email.title": "Check your email",
  "hosted.check_email.body": "We sent a sign-in link to your email. Open it on any device: this page signs you in by itself once you use it.",
  "hosted.check_email.waiting": "Waiting for you to open the link…",
  "hosted.check_email.expired": "This sign-in request has expired or was already completed. Start again to get a new link.",
  "hosted.start_over": "Start over",
  "hosted.code.title": "Enter your code",
  "hosted.code.body": "We sent a sign-in code. Enter it below to continue.",
  "hosted.code.label": "Sign-in code",
  "hosted.code.submit": "Verify",
  "hosted.code.verifying": "Verifying…",
  "hosted.code.wrong": {
    one: "That code is not right. You have {count} attempt left.",
    other: "That code is not right. You have {count} attempts left.",
  },
  "hosted.code.failed": "Too many wrong codes. Start again to get a new code.",
  "hosted.code.expired": "This code has expired. Start again to get a new code.",
  "hosted.code.missing": "This sign-in request has expired. Start again to get a new code.",
  "hosted.magic.title": "Continue signing in to {app}",
  "hosted.magic.body": "Press the button to finish signing in.",
  "hosted.magic.button": "Continue",
  "hosted.magic.expired.title": "This link has expired",
  "hosted.magic.expired.body": "Sign-in links work for a limited time. Request a new one to sign in.",
  "hosted.magic.used.title": "This link was already used",
  "hosted.magic.used.body": "Each sign-in link works once. If it wasn't you, request a new link; otherwise you are already signed in.",
  "hosted.magic.invalid.title": "This link is not valid",
  "hosted.magic.invalid.body": "The link may be incomplete or altered. Copy the whole link from the email, or request a new one.",
  "hosted.magic.request_new": "Request a new link",
  "hosted.done.title": "You're signed in",
  "hosted.done.body": "You are signed in to {app}. You can close this page and return to the app.",
  "hosted.logo_alt": "{app} logo",
  // Areas with their own files (one owner each).
  ...enOauth,
  ...enPasskeys,
  ...enSignup,
} as const;

type Entry = string | { readonly one: string; readonly other: string };
/** Every message key, with the shape of its entry (plain or plural). */
export type Catalog = { readonly [K in keyof typeof en]: (typeof en)[K] extends string ? string : { one: string; other: string } };
export type MessageKey = keyof typeof en;

export default en satisfies Record<string, Entry> as Catalog;
