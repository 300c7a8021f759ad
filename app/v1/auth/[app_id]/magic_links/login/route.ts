import { preflight } from "@/lib/api/cors";
import { sendRoute } from "../send-route";

export const POST = sendRoute(
  "login",
  "Send a sign-in magic link",
  "Emails `{login_url}?sct_magic=<token>` (plus `&sct_sk=true` without passkeys). Unknown emails get a new pending user " +
    "unless `public_signup` is false (403). Inactive users: 403. Phones and malformed addresses: 400 invalid_identifier.",
);

export const OPTIONS = preflight;
