/** Row types of verifications (spec §15). */
import type { verifications } from "@/db/schema";

export type VerificationRow = typeof verifications.$inferSelect;
export type VerificationStatus = VerificationRow["status"];
export type VerificationChannel = VerificationRow["channel"];

/** The delivery channel a verification's events are named after (§15.13: `email` | `sms`). */
export function eventChannel(row: Pick<VerificationRow, "identifier">): "email" | "sms" {
  return row.identifier.includes("@") ? "email" : "sms";
}
