/** English strings of the hosted oauth pages (merged into ./en.ts). */
const enOauth = {
  "hosted.oauth.divider": "or",
  "hosted.oauth.list_label": "Other ways to sign in",
  "hosted.oauth.continue_with": "Continue with {provider}",
  // Messages for the `sct_error` values an OAuth sign-in lands with (spec §6.4, §6.5).
  "hosted.oauth.error.oauth_failed": "Signing in with that provider did not work. Please try again.",
  "hosted.oauth.error.oauth_access_denied": "The sign-in was cancelled at the provider.",
  "hosted.oauth.error.oauth_email_unverified": "That account has no verified email address. Verify it with the provider, or sign in with your email.",
  "hosted.oauth.error.oauth_provider_not_enabled": "This sign-in option is not available.",
  "hosted.oauth.error.oauth_invalid_redirect_url": "This sign-in link is not valid.",
  "hosted.oauth.error.user_inactive": "This account is deactivated.",
  "hosted.oauth.error.public_signup_disabled": "New accounts cannot sign up here. Ask the app's team for an invitation.",
} as const;

export default enOauth;
