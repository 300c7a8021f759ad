/** Row and enum types of the challenge primitive (spec §2.6). */
import type { challenges } from "@/db/schema";

export type ChallengeRow = typeof challenges.$inferSelect;
export type ChallengePurpose = ChallengeRow["purpose"];
export type ChallengeMethod = ChallengeRow["method"];
export type ChallengeStatus = ChallengeRow["status"];

/** Methods that send something to the user (spec §2.6 `delivery_required`). */
export const DELIVERED_METHODS: readonly ChallengeMethod[] = ["email_otp", "sms_otp", "magic_link", "push"];

/** Methods whose secret is a numeric code kept as an HMAC in `code_hash`. */
export const CODE_METHODS: readonly ChallengeMethod[] = ["email_otp", "sms_otp"];
