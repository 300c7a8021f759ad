import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { parseIdentifier } from "@/lib/identifiers/parse-identifier";
import { OtpLoginBody, OtpLoginResponse, OtpParams } from "@/lib/otp/schemas";
import { sendOtp } from "@/lib/otp/send-otp";

const TEN_MINUTES = 600;

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Send a one-time code",
    description:
      "Sends a sign-in code by SMS (phone) or email (apps with `email_auth_type` otp), creating the user as pending " +
      "when `public_signup` allows. Used for both sign-in and sign-up. Returns the challenge token as `user_id`. " +
      "Limited to 5 sends per identifier and 30 per IP every 10 minutes. Ignores any Authorization header.",
    tags: ["OTP"],
    params: OtpParams,
    body: OtpLoginBody,
    response: OtpLoginResponse,
    bodyLimit: 64 * 1024,
    rateLimits: [
      {
        name: "otp_send_ip",
        limit: 30,
        windowSeconds: TEN_MINUTES,
        key: ({ ctx, params }) => (ctx.ip ? `${params.app_id}:${ctx.ip}` : null),
      },
      {
        name: "otp_send_identifier",
        limit: 5,
        windowSeconds: TEN_MINUTES,
        key: ({ params, body }) => {
          const identifier = parseIdentifier(body.identifier);
          return identifier ? `${params.app_id}:${identifier.normalized}` : null;
        },
      },
    ],
  },
  async ({ ctx, params, body }) =>
    sendOtp({
      ctx,
      input: {
        appId: params.app_id,
        identifier: body.identifier,
        userMeta: body.user_meta,
        webauthnEnabled: body.webauthn_enabled,
      },
    }),
);

export const OPTIONS = preflight;
