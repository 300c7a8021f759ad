import type { AppRow } from "@/lib/apps/find-app";
import { POLL_GRACE_SECONDS } from "@/lib/magic-links/poll-magic-link";
import { sendMagicLink } from "@/lib/magic-links/send-magic-link";
import { sendOtp } from "@/lib/otp/send-otp";
import type { Identifier } from "@/lib/identifiers/parse-identifier";
import { loginPath, setHostedFlow } from "@/lib/hosted/flow-cookie";
import { hostedRateLimit } from "@/lib/hosted/rate-limit";
import type { HostedRequest } from "@/lib/hosted/request-ctx";

const TEN_MINUTES = 600;

/**
 * Send what signs this browser in — an emailed link (email + `magic`) or a
 * one-time code (phone, or email + `otp`) — remember the pending flow in the
 * hosted cookie, and return the page to go to next. Shared by the sign-in and
 * sign-up forms; `userMeta` (sign-up fields) is stored by the senders under
 * their own rules (spec §7.2, §8.1).
 */
export async function startHostedFlow(
  req: HostedRequest,
  app: AppRow,
  input: { raw: string; identifier: Identifier; register?: boolean; userMeta?: Record<string, unknown> },
): Promise<string> {
  const { identifier } = input;
  await hostedRateLimit(req.ctx, "hosted_send_ip", req.ctx.ip ? `${app.id}:${req.ctx.ip}` : null, 30, TEN_MINUTES);
  await hostedRateLimit(req.ctx, "hosted_send_identifier", `${app.id}:${identifier.normalized}`, 5, TEN_MINUTES);
  if (identifier.kind === "email" && app.emailAuthType === "magic") {
    const { magicLinkId } = await sendMagicLink({
      ctx: req.ctx,
      input: {
        app,
        kind: input.register ? "register" : "login",
        identifier: input.raw,
        userMeta: input.userMeta,
        landing: "hosted",
        acceptLanguage: req.acceptLanguage,
      },
    });
    await setHostedFlow(app, { kind: "magic", id: magicLinkId }, app.magicLinkExpiration + POLL_GRACE_SECONDS);
    return `${loginPath(app)}/check-email`;
  }
  const sent = await sendOtp({ ctx: req.ctx, input: { appId: app.id, identifier: input.raw, userMeta: input.userMeta } });
  // Outlive the code a little, so a late submit hears "expired" rather than "start again".
  await setHostedFlow(app, { kind: "otp", token: sent.user_id }, app.otpExpiration + 300);
  return `${loginPath(app)}/code`;
}
