CREATE TABLE "mfa_backup_codes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"app_user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mfa_enrollments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"app_user_id" uuid NOT NULL,
	"method" text NOT NULL,
	"name" text,
	"secret_encrypted" text,
	"identifier" text,
	"verified" boolean DEFAULT false NOT NULL,
	"verified_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"last_used_step" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "used_token_ids" (
	"jti" text PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"challenge_id" uuid,
	"app_user_id" uuid,
	"to_app_user_id" uuid,
	"status" text DEFAULT 'pending' NOT NULL,
	"channel" text NOT NULL,
	"verification_type" text NOT NULL,
	"reason" text,
	"intent" text,
	"timeout" integer NOT NULL,
	"identifier" text NOT NULL,
	"recipient_name" text,
	"meta_data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"metadata" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"redirect_url" text,
	"consent_decision" text,
	"was_opened" boolean DEFAULT false NOT NULL,
	"opened_at" timestamp with time zone,
	"risk" jsonb,
	"attempts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"replaces_id" uuid,
	"initiator_type" text DEFAULT 'api' NOT NULL,
	"initiator_id" text,
	"ip" text,
	"user_agent" text,
	"sent_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "apps" ADD COLUMN "webauthn_rp_id" text;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "token_encrypted" text;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "intent" text;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "redirect_url" text;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "callback_url" text;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "deny_reason" text;--> statement-breakpoint
ALTER TABLE "challenges" ADD COLUMN "mfa_enrollment_id" uuid;--> statement-breakpoint
ALTER TABLE "mfa_backup_codes" ADD CONSTRAINT "mfa_backup_codes_app_user_id_app_users_id_fk" FOREIGN KEY ("app_user_id") REFERENCES "public"."app_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_enrollments" ADD CONSTRAINT "mfa_enrollments_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mfa_enrollments" ADD CONSTRAINT "mfa_enrollments_app_user_id_app_users_id_fk" FOREIGN KEY ("app_user_id") REFERENCES "public"."app_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_challenge_id_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."challenges"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_app_user_id_app_users_id_fk" FOREIGN KEY ("app_user_id") REFERENCES "public"."app_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "verifications" ADD CONSTRAINT "verifications_to_app_user_id_app_users_id_fk" FOREIGN KEY ("to_app_user_id") REFERENCES "public"."app_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "mfa_backup_codes_user_unused_idx" ON "mfa_backup_codes" USING btree ("app_user_id") WHERE "mfa_backup_codes"."used_at" is null;--> statement-breakpoint
CREATE INDEX "mfa_enrollments_user_idx" ON "mfa_enrollments" USING btree ("app_user_id","created_at");--> statement-breakpoint
CREATE INDEX "used_token_ids_expires_idx" ON "used_token_ids" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "verifications_app_created_idx" ON "verifications" USING btree ("app_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "verifications_to_user_idx" ON "verifications" USING btree ("to_app_user_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "verifications_challenge_idx" ON "verifications" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "verifications_pending_expiry_idx" ON "verifications" USING btree ("expires_at") WHERE "verifications"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "challenges_user_purpose_idx" ON "challenges" USING btree ("app_user_id","purpose","updated_at");