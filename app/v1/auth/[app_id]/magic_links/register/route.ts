import { preflight } from "@/lib/api/cors";
import { sendRoute } from "../send-route";

export const POST = sendRoute(
  "register",
  "Send a registration magic link",
  "Creates the user (pending) if absent, stores valid `user_meta` on it at once and lists invalid keys in " +
    "`user_meta_errors` without failing, then emails a confirmation link. An already verified user gets a sign-in link instead.",
);

export const OPTIONS = preflight;
