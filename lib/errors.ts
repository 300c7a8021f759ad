/**
 * The one error type of Tessera and the closed registry of its codes.
 * Each code has an HTTP status and a default message (spec §1.6). Anything
 * thrown that is not an AppError becomes a generic 500 whose cause is logged
 * with the request id and never sent to the client.
 */
export const ERROR_CODES = {
  // 400
  bad_request: [400, "Bad request"],
  invalid_json: [400, "The request body is not valid JSON"],
  invalid_body: [400, "The request body could not be read"],
  invalid_identifier: [400, "Identifier invalid"],
  invalid_parameter: [400, "A query parameter is invalid"],
  email_required: [400, "Email is required"],
  invalid_email: [400, "Email is invalid"],
  phones_required: [400, "Phone is required"],
  invalid_phone: [400, "Phone number is invalid"],
  empty_phone: [400, "Phone number is empty"],
  invalid_method: [400, "Invalid method"],
  intent_name_required: [400, "Intent name is required"],
  meta_data_required: [400, "meta_data is required"],
  invalid_cursor: [400, "Invalid cursor"],
  oauth_failed: [400, "OAuth sign-in failed"],
  missing_column: [400, "A required column is missing"],
  unknown_column: [400, "Unknown column"],
  empty_file: [400, "The file is empty"],
  // 401
  unauthorized: [401, "Unauthorized"],
  webauthn_failed: [401, "Passkey verification failed"],
  api_key_required: [401, "API key required"],
  invalid_api_key: [401, "API key invalid or revoked"],
  workspace_api_key_required: [401, "Workspace API key required"],
  invalid_token: [401, "Token invalid"],
  token_expired: [401, "Token expired"],
  refresh_token_reused: [401, "Refresh token already used; the session was revoked"],
  session_revoked: [401, "Session revoked"],
  // 403
  forbidden: [403, "Forbidden"],
  api_key_not_authorized: [403, "API key not authorized for this app"],
  workspace_access_denied: [403, "Workspace access denied"],
  workspace_mismatch: [403, "The workspace does not match the API key"],
  user_inactive: [403, "User is inactive"],
  tenant_mode_verify_only: [403, "This app is verify-only: sign-in routes are not available"],
  public_signup_disabled: [403, "Public sign-up is disabled for this app"],
  passkeys_disabled: [403, "Passkeys are disabled for this app"],
  csrf_rejected: [403, "Cross-site request rejected"],
  oauth_access_denied: [403, "The provider sign-in was cancelled or denied"],
  oauth_email_unverified: [403, "The provider did not confirm a verified email address"],
  webhook_url_blocked: [400, "Webhook URL not allowed: it must be https and reach a public address"],
  invalid_event_type: [400, "Unknown webhook event type"],
  // 404
  not_found: [404, "Not found"],
  app_not_found: [404, "App not found"],
  workspace_not_found: [404, "Workspace not found"],
  api_key_not_found: [404, "API key not found"],
  user_not_found: [404, "User not found"],
  magic_link_not_found: [404, "Magic link not found or expired"],
  webauthn_challenge_not_found: [404, "Passkey challenge not found or expired"],
  device_not_found: [404, "Device not found"],
  app_not_in_workspace: [404, "App not in workspace"],
  oauth_provider_not_enabled: [404, "OAuth provider not enabled for this app"],
  meta_field_not_found: [404, "User meta field not found"],
  webhook_not_found: [404, "Webhook not found"],
  webhook_delivery_not_found: [404, "Webhook delivery not found"],
  // 405 / 409 / 413 / 415
  method_not_allowed: [405, "Method not allowed"],
  conflict: [409, "Conflict"],
  identifier_taken: [409, "Identifier already taken"],
  credential_exists: [409, "This passkey is already registered"],
  external_id_taken: [409, "External id already taken"],
  slug_taken: [409, "Slug already taken"],
  field_name_taken: [409, "A meta field with this field_name already exists"],
  webhook_delivery_in_progress: [409, "The delivery is being sent right now; try again shortly"],
  payload_too_large: [413, "Request body too large"],
  unsupported_media_type: [415, "Unsupported content type"],
  // 422
  validation_failed: [422, "Validation failed"],
  invalid_code: [422, "Invalid code"],
  challenge_failed: [422, "Challenge failed"],
  challenge_expired: [422, "Challenge expired"],
  user_meta_invalid: [422, "User meta invalid"],
  too_many_rows: [422, "Too many rows"],
  too_many_meta_fields: [422, "Too many meta fields"],
  webauthn_registration_failed: [422, "Passkey registration could not be verified"],
  // 429
  rate_limited: [429, "Too many requests"],
  // 500 / 503
  internal_error: [500, "Internal server error"],
  service_unavailable: [503, "Service temporarily unavailable"],
  // Codes added per area (session 4); keep each area's codes under its own marker.
  // @area:passkeys
  // @area:webhooks
  // @area:dashboard
  membership_not_found: [404, "Membership not found"],
  notification_not_found: [404, "Notification not found"],
  already_member: [409, "Already a member of this workspace"],
  owner_exists: [409, "This instance already has an owner"],
  cannot_demote_self: [422, "An owner cannot demote themselves"],
  cannot_remove_self: [422, "An owner cannot remove themselves"],
  last_owner: [422, "A workspace needs at least one owner"],
  not_dismissible: [422, "This notification cannot be dismissed"],
  // @area:challenges-mfa
  challenge_not_found: [404, "Challenge not found"],
  mfa_method_not_found: [404, "MFA method not found"],
  not_resendable: [422, "This challenge cannot be resent"],
  reverification_required: [422, "Recent verification required: complete a step-up challenge first"],
  mfa_method_not_available: [422, "This MFA method is not enrolled or not allowed for this app"],
  challenge_not_open: [422, "The challenge is no longer pending"],
  // @area:verifications
  not_pending: [422, "Verification is not pending"],
  verification_not_found: [404, "Verification not found"],
  invalid_redirect_url: [400, "redirect_url must be an absolute URL on one of the app's origins"],
  token_already_used: [401, "Token already used"],
  // @area:child-workspaces
  child_workspace_not_found: [404, "Child workspace not found"],
  sms_country_not_allowed: [422, "SMS to this country is not allowed for this app"],
} as const satisfies Record<string, readonly [number, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface AppErrorOptions {
  code: ErrorCode;
  message?: string;
  /** Field errors (`errors` key of the envelope): field path → messages. */
  errors?: Record<string, string[]> | string[];
  /** Extra top-level keys of the envelope, e.g. `remaining_attempts`. */
  extra?: Record<string, unknown>;
  /** Extra response headers, e.g. `Retry-After`. */
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: Record<string, string[]> | string[];
  readonly extra?: Record<string, unknown>;
  readonly headers?: Record<string, string>;

  constructor(opts: AppErrorOptions | ErrorCode) {
    const o = typeof opts === "string" ? { code: opts } : opts;
    const [status, defaultMessage] = ERROR_CODES[o.code];
    super(o.message ?? defaultMessage, { cause: o.cause });
    this.name = "AppError";
    this.code = o.code;
    this.status = status;
    this.errors = o.errors;
    this.extra = o.extra;
    this.headers = o.headers;
  }

  /** The contract's error body: `{ error, error_code, ...}` (spec §1.6). */
  toBody(requestId?: string): Record<string, unknown> {
    return {
      ...this.extra,
      error: this.message,
      error_code: this.code,
      ...(this.errors ? { errors: this.errors } : {}),
      ...(requestId ? { request_id: requestId } : {}),
    };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
