import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { enrollMfa } from "@/lib/mfa/enroll-mfa";
import { MfaEnrollBody, MfaEnrollResponse, MfaParams } from "@/lib/mfa/schemas";

export const POST = apiRoute(
  {
    auth: "user",
    summary: "Start enrolling an MFA method",
    description:
      "`totp` answers the base32 `secret` and its `otpauth://` `provisioning_uri` (RFC 6238, SHA-1, 6 digits, 30 s), " +
      "shown once. `email_otp` / `sms_otp` send a code to `identifier` (default: the user's own). Unverified until " +
      "/mfa/enroll/verify.",
    tags: ["MFA"],
    params: MfaParams,
    body: MfaEnrollBody,
    response: MfaEnrollResponse,
    rateLimits: [{ name: "mfa_enroll_user", limit: 10, windowSeconds: 600, key: ({ ctx }) => (ctx.actor.type === "endUser" ? ctx.actor.appUserId : null) }],
  },
  async ({ ctx, body, principal }) =>
    enrollMfa({ ctx, input: { principal, method: body.method, name: body.name, identifier: body.identifier } }),
);

export const OPTIONS = preflight;
