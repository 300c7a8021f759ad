import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";
import { appUsers } from "./users";

/**
 * Second factors a user enrolled (spec §14.8). A TOTP secret is stored only
 * encrypted with the instance secret; `last_used_step` refuses a TOTP code
 * replayed within its own 30-second step. Email and SMS factors keep the
 * destination in `identifier`.
 */
export const mfaEnrollments = pgTable(
  "mfa_enrollments",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    appUserId: uuid("app_user_id")
      .notNull()
      .references(() => appUsers.id, { onDelete: "cascade" }),
    method: text("method", { enum: ["totp", "email_otp", "sms_otp"] }).notNull(),
    name: text("name"),
    secretEncrypted: text("secret_encrypted"),
    identifier: text("identifier"),
    verified: boolean("verified").notNull().default(false),
    verifiedAt: tstz("verified_at"),
    lastUsedAt: tstz("last_used_at"),
    lastUsedStep: integer("last_used_step"),
    ...timestamps,
  },
  // Method listing and the MFA decision on every primary sign-in: a user's enrollments.
  (t) => [index("mfa_enrollments_user_idx").on(t.appUserId, t.createdAt)],
);

/** Backup codes (spec §14.8): only an HMAC of each is stored; each works once. */
export const mfaBackupCodes = pgTable(
  "mfa_backup_codes",
  {
    id: pk(),
    appUserId: uuid("app_user_id")
      .notNull()
      .references(() => appUsers.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: tstz("used_at"),
    ...timestamps,
  },
  // Verify and count: a user's unused codes.
  (t) => [index("mfa_backup_codes_user_unused_idx").on(t.appUserId).where(sql`${t.usedAt} is null`)],
);
