import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { JWK } from "jose";
import { pk, timestamps, tstz } from "./_columns";
import { apps } from "./apps";

/**
 * RS256 key pairs per app. Lifecycle: `next` (published in the JWKS, not yet
 * signing) → `active` (signs) → `retiring` (published until `retire_after`,
 * when every token it signed has expired) → `retired`.
 * The private key is sealed with the instance secret (lib/crypto encryptSecret).
 */
export const signingKeys = pgTable(
  "signing_keys",
  {
    id: pk(),
    appId: uuid("app_id")
      .notNull()
      .references(() => apps.id),
    kid: text("kid").notNull(),
    status: text("status", { enum: ["next", "active", "retiring", "retired"] }).notNull(),
    publicJwk: jsonb("public_jwk").$type<JWK>().notNull(),
    publicPem: text("public_pem").notNull(),
    privateKeySealed: text("private_key_sealed").notNull(),
    activatedAt: tstz("activated_at"),
    retireAfter: tstz("retire_after"),
    ...timestamps,
  },
  (t) => [
    // Token verification: kid lookup.
    uniqueIndex("signing_keys_kid_key").on(t.kid),
    // JWKS and signing: keys of an app by status.
    index("signing_keys_app_status_idx").on(t.appId, t.status),
    // Invariant behind rotation's row lock: never two signing keys for one app.
    uniqueIndex("signing_keys_one_active_per_app").on(t.appId).where(sql`${t.status} = 'active'`),
    // The sweep: retiring keys whose retire_after has passed.
    index("signing_keys_retiring_idx").on(t.retireAfter).where(sql`${t.status} = 'retiring'`),
  ],
);
