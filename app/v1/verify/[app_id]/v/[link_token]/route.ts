import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { htmlResponse, renderPage } from "@/lib/verifications/hosted-page";
import type { LinkPage } from "@/lib/verifications/link-page";
import { openVerificationLink } from "@/lib/verifications/open-verification-link";
import { LinkFormBody, LinkParams } from "@/lib/verifications/schemas";
import { submitVerificationLink } from "@/lib/verifications/submit-verification-link";

const page = (p: LinkPage) => htmlResponse(renderPage(p.brand, p.view), p.status);

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Verification landing page (HTML)",
    description:
      "The page the email/SMS link opens: records `was_opened` and shows the intent with Confirm (dismiss mode), " +
      "Approve/Deny (consent mode) or a code form (OTP). A GET never completes a verification. Answers text/html.",
    tags: ["Verifications"],
    params: LinkParams,
  },
  async ({ ctx, params }) => page(await openVerificationLink({ ctx, input: { appId: params.app_id, linkToken: params.link_token } })),
);

export const POST = apiRoute(
  {
    auth: "none",
    summary: "Complete a verification from its landing page (HTML form)",
    description:
      "Form fields `decision` (`confirm`, or `approve`/`deny` in consent mode) and `code` (OTP). Answers the outcome page " +
      "(text/html), which redirects after `verification_redirect_delay` seconds with `scute_token` appended.",
    tags: ["Verifications"],
    params: LinkParams,
    body: LinkFormBody,
    rateLimits: [{ name: "verify_link_post_ip", limit: 30, windowSeconds: 60, key: ({ ctx }) => ctx.ip }],
  },
  async ({ ctx, params, body }) =>
    page(await submitVerificationLink({ ctx, input: { appId: params.app_id, linkToken: params.link_token, decision: body.decision, code: body.code } })),
);

export const OPTIONS = preflight;
