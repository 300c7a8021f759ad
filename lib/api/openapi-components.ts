/**
 * The fixed parts of the OpenAPI document (lib/api/openapi.ts): the error
 * envelope, shared responses and headers, the security schemes of spec §1.3
 * and the API's introduction.
 */
import { z } from "zod";
import type { oas31, ZodOpenApiResponseObject } from "zod-openapi";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";

const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

/** The error envelope of spec §1.6. */
export const ErrorBody = z
  .object({
    error: z.string().meta({ description: "Human-readable message. Always a string." }),
    error_code: z.enum(ERROR_CODE_NAMES).meta({ description: "Stable snake_case code from the closed registry." }),
    errors: z
      .union([z.record(z.string(), z.array(z.string())), z.array(z.string())])
      .optional()
      .meta({ description: "Field errors: field path → messages." }),
    request_id: z.string().optional().meta({ description: "Same as the `X-Request-Id` response header." }),
  })
  .catchall(z.unknown())
  .meta({
    id: "Error",
    description: "Every non-2xx answer. Routes may add keys such as `remaining_attempts` or `details`.",
  });

export const RequestIdHeader = z
  .string()
  .meta({ description: "Id of this request; quote it when reporting a problem.", header: { id: "RequestId" } });
export const RateLimitHeaders = {
  "X-RateLimit-Limit": z.string().meta({ description: "Requests allowed in the window.", header: { id: "RateLimitLimit" } }),
  "X-RateLimit-Remaining": z
    .string()
    .meta({ description: "Requests left in the window.", header: { id: "RateLimitRemaining" } }),
  "X-RateLimit-Reset": z
    .string()
    .meta({ description: "When the window ends (unix seconds).", header: { id: "RateLimitReset" } }),
};
const RetryAfterHeader = z.string().meta({ description: "Seconds to wait before retrying.", header: { id: "RetryAfter" } });

/** Documented when a route declares no `response` schema. */
export const AnyObject = z.looseObject({}).meta({ description: "A JSON object." });

function codesWithStatus(status: number): string {
  return ERROR_CODE_NAMES.filter((code) => ERROR_CODES[code][0] === status)
    .map((code) => `\`${code}\``)
    .join(", ");
}

function errorResponse(
  id: string,
  status: number,
  what: string,
  extraHeaders: Record<string, z.ZodType> = {},
): ZodOpenApiResponseObject {
  return {
    id,
    description: `${what} Error codes with this status: ${codesWithStatus(status)}.`,
    headers: z.object({ "X-Request-Id": RequestIdHeader, ...extraHeaders }),
    content: { "application/json": { schema: ErrorBody } },
  };
}

export const ERRORS = {
  400: errorResponse("BadRequest", 400, "The request is malformed: unreadable body, missing or wrongly typed field."),
  401: errorResponse("Unauthorized", 401, "The credential is missing, malformed, unknown, revoked or expired."),
  403: errorResponse("Forbidden", 403, "The credential is valid but not allowed here."),
  404: errorResponse("NotFound", 404, "No such resource, or not visible to this credential."),
  413: errorResponse("PayloadTooLarge", 413, "The body exceeds this route's size limit."),
  415: errorResponse(
    "UnsupportedMediaType",
    415,
    "Send `application/json`, `application/x-www-form-urlencoded` or `multipart/form-data`.",
  ),
  422: errorResponse("ValidationFailed", 422, "Well-formed, but a value is outside its rules."),
  429: errorResponse("RateLimited", 429, "Too many requests; see `Retry-After`.", {
    ...RateLimitHeaders,
    "Retry-After": RetryAfterHeader,
  }),
  500: errorResponse("InternalError", 500, "Unexpected failure; the cause is logged with the request id."),
} as const;

/** Credential kinds of spec §1.3. */
export const SECURITY_SCHEMES: Record<string, oas31.SecuritySchemeObject> = {
  secret: {
    type: "http",
    scheme: "bearer",
    description:
      "API secret: `Authorization: Bearer scapp_…` (app key: its own app) or `Bearer scwor_…` (workspace key: every app " +
      "of the workspace and of its child workspaces). Public routes ignore this header.",
  },
  user: {
    type: "apiKey",
    in: "header",
    name: "X-Authorization",
    description: "Access JWT of an app user, raw (as the SDK sends it) or prefixed with `Bearer `.",
  },
  refresh: {
    type: "apiKey",
    in: "header",
    name: "X-Refresh-Token",
    description:
      "Refresh JWT, raw. Fallback: `Authorization: Bearer <refresh JWT>` when `X-Refresh-Token` is absent (never an API secret).",
  },
  m2m: {
    type: "apiKey",
    in: "header",
    name: "X-Authorization",
    description:
      "M2M short token (`scm2m_…`) or M2M access JWT, with or without `Bearer `. `Authorization: Bearer <M2M token>` is " +
      "accepted too when `X-Authorization` is absent (never an API secret). A user access token is not an M2M token.",
  },
  dashboard: {
    type: "apiKey",
    in: "header",
    name: "X-Authorization",
    description: "Access JWT of a workspace member signed into the dashboard.",
  },
};

/** Security requirements per `auth` kind; null for a kind this file does not know yet. */
export function securityFor(auth: string): oas31.SecurityRequirementObject[] | null {
  switch (auth) {
    case "none":
      return [];
    case "secret":
    case "workspaceSecret":
      return [{ secret: [] }];
    case "optionalSecret":
      // Anonymous or with a secret: an empty requirement object makes it optional.
      return [{}, { secret: [] }];
    case "user":
    case "refresh":
      return [{ [auth]: [] }];
    // Both credentials at once: one requirement object listing both schemes.
    case "secretAndUser":
      return [{ secret: [], user: [] }];
    case "secretAndRefresh":
      return [{ secret: [], refresh: [] }];
    case "workspaceSecretAndUser":
      return [{ secret: [], user: [] }];
    // Alternatives: one requirement object per accepted credential.
    case "workspaceSecretOrDashboard":
      return [{ secret: [] }, { dashboard: [] }];
    case "verifyCaller":
      return [{ m2m: [] }, { secret: [] }, { user: [] }];
    default:
      return auth in SECURITY_SCHEMES ? [{ [auth]: [] }] : null;
  }
}

export const API_DESCRIPTION = `Self-hostable passwordless authentication, wire-compatible with the Scute API. Every route lives under \`/v1\`.

**Credentials.** Backends send an API secret as \`Authorization: Bearer scapp_…\` (app key) or \`scwor_…\` (workspace key). End users' requests carry their access token in \`X-Authorization\` (raw or \`Bearer \`-prefixed) and refresh tokens in \`X-Refresh-Token\`. Backend services may use an M2M session instead (\`X-Authorization: Bearer <M2M JWT or scm2m_…>\`). Public routes ignore any \`Authorization\` header.

**Request bodies.** JSON, \`application/x-www-form-urlencoded\` or \`multipart/form-data\`, with Rails bracket keys for nesting (\`user_meta[plan]=pro\`, \`event_types[]=user.created\`). Booleans also accept \`"true"\`/\`"false"\`/\`"1"\`/\`"0"\`, integers numeric strings, and object fields a JSON-encoded string. No body or an empty body is \`{}\`. Query parameters are merged under the body (the body wins).

**Responses.** JSON without a \`data\` envelope. Errors are \`{ "error": "message", "error_code": "code" }\` (see the \`Error\` schema). Every response carries \`X-Request-Id\`.

**Rate limits.** Limited routes send \`X-RateLimit-Limit\`, \`X-RateLimit-Remaining\` and \`X-RateLimit-Reset\`; over the limit they answer 429 \`rate_limited\` with \`Retry-After\`.`;
