ALTER TABLE "sessions" ADD COLUMN "prev_refresh_jti_hash" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "refresh_rotated_at" timestamp with time zone;