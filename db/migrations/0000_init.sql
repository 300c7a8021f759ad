CREATE TABLE "members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"personal" boolean DEFAULT false NOT NULL,
	"parent_workspace_id" uuid,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"is_pro" boolean DEFAULT false NOT NULL,
	"public_signup" boolean DEFAULT false NOT NULL,
	"user_info_requirement" text DEFAULT 'email' NOT NULL,
	"logo_url" text,
	"branding_display_name" text,
	"branding_color" text,
	"branding_logo_url" text,
	"countries" jsonb,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "apps" (
	"id" uuid PRIMARY KEY NOT NULL,
	"public_id" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"origin" text NOT NULL,
	"additional_origins" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"callback_url" text,
	"login_url" text,
	"logo" text,
	"logo_dark" text,
	"colors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"profile_management" boolean DEFAULT true NOT NULL,
	"public_signup" boolean DEFAULT true NOT NULL,
	"access_expiration" integer DEFAULT 3600 NOT NULL,
	"refresh_expiration" integer DEFAULT 604800 NOT NULL,
	"refresh_payload" boolean DEFAULT true NOT NULL,
	"auto_refresh" boolean DEFAULT true NOT NULL,
	"magic_link_expiration" integer DEFAULT 2000 NOT NULL,
	"otp_expiration" integer DEFAULT 600 NOT NULL,
	"otp_length" integer DEFAULT 6 NOT NULL,
	"session_timeout" integer DEFAULT 604800 NOT NULL,
	"scute_branding" boolean DEFAULT false NOT NULL,
	"allowed_identifiers" jsonb DEFAULT '["email"]'::jsonb NOT NULL,
	"required_identifiers" jsonb DEFAULT '["email"]'::jsonb NOT NULL,
	"email_required" boolean DEFAULT true NOT NULL,
	"phone_number_required" boolean DEFAULT false NOT NULL,
	"email_auth_type" text DEFAULT 'magic' NOT NULL,
	"passkeys_enabled" boolean DEFAULT true NOT NULL,
	"default_language" text DEFAULT 'en' NOT NULL,
	"mfa_policy" text DEFAULT 'disabled' NOT NULL,
	"mfa_methods_allowed" jsonb DEFAULT '["totp","email_otp","sms_otp","webauthn","backup_codes"]'::jsonb NOT NULL,
	"mfa_reverify_minutes" integer DEFAULT 15 NOT NULL,
	"webauthn_skips_mfa" boolean DEFAULT true NOT NULL,
	"tenant_mode" text DEFAULT 'full' NOT NULL,
	"verification_mode" text DEFAULT 'dismiss' NOT NULL,
	"verification_redirect_url_template" text,
	"verification_redirect_delay" integer DEFAULT 4 NOT NULL,
	"verification_success_message" text,
	"verification_rate_limit_per_hour" integer DEFAULT 10 NOT NULL,
	"test_identities_enabled" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"workspace_id" uuid NOT NULL,
	"app_id" uuid,
	"nickname" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_preview" text NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" uuid PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"status" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"public_pem" text NOT NULL,
	"private_key_sealed" text NOT NULL,
	"activated_at" timestamp with time zone,
	"retire_after" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "app_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"base_user_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"email" text,
	"email_verified" boolean DEFAULT false NOT NULL,
	"phone" text,
	"phone_verified" boolean DEFAULT false NOT NULL,
	"external_id" text,
	"first_name" text,
	"middle_name" text,
	"last_name" text,
	"meta" jsonb,
	"webauthn_enabled" boolean DEFAULT false NOT NULL,
	"webauthn_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"login_count" integer DEFAULT 0 NOT NULL,
	"last_login_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "base_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"app_id" uuid NOT NULL,
	"app_user_id" uuid NOT NULL,
	"type" text NOT NULL,
	"credential_id" text,
	"display_name" text,
	"nickname" text,
	"user_agent" text,
	"platform" text,
	"browser" text,
	"last_used_at_ip" text,
	"fingerprint" text,
	"refresh_jti_hash" text,
	"refresh_generation" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"app_id" uuid,
	"app_user_id" uuid,
	"category" text NOT NULL,
	"slug" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ip" text,
	"user_agent" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "instance_state" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rate_limits_pkey" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspaces" ADD CONSTRAINT "workspaces_parent_workspace_id_workspaces_id_fk" FOREIGN KEY ("parent_workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apps" ADD CONSTRAINT "apps_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signing_keys" ADD CONSTRAINT "signing_keys_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_users" ADD CONSTRAINT "app_users_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "app_users" ADD CONSTRAINT "app_users_base_user_id_base_users_id_fk" FOREIGN KEY ("base_user_id") REFERENCES "public"."base_users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "base_users" ADD CONSTRAINT "base_users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_app_id_apps_id_fk" FOREIGN KEY ("app_id") REFERENCES "public"."apps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_app_user_id_app_users_id_fk" FOREIGN KEY ("app_user_id") REFERENCES "public"."app_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "members_email_key" ON "members" USING btree (lower("email"));--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_workspace_member_key" ON "memberships" USING btree ("workspace_id","member_id");--> statement-breakpoint
CREATE INDEX "memberships_member_idx" ON "memberships" USING btree ("member_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workspaces_slug_key" ON "workspaces" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "workspaces_parent_idx" ON "workspaces" USING btree ("parent_workspace_id") WHERE "workspaces"."parent_workspace_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "apps_public_id_key" ON "apps" USING btree ("public_id");--> statement-breakpoint
CREATE INDEX "apps_workspace_idx" ON "apps" USING btree ("workspace_id","created_at") WHERE "apps"."deleted_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_token_hash_key" ON "api_keys" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_keys_app_idx" ON "api_keys" USING btree ("app_id","created_at") WHERE "api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "api_keys_workspace_idx" ON "api_keys" USING btree ("workspace_id","created_at") WHERE "api_keys"."revoked_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_kid_key" ON "signing_keys" USING btree ("kid");--> statement-breakpoint
CREATE INDEX "signing_keys_app_status_idx" ON "signing_keys" USING btree ("app_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "signing_keys_one_active_per_app" ON "signing_keys" USING btree ("app_id") WHERE "signing_keys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "signing_keys_retiring_idx" ON "signing_keys" USING btree ("retire_after") WHERE "signing_keys"."status" = 'retiring';--> statement-breakpoint
CREATE UNIQUE INDEX "app_users_app_email_key" ON "app_users" USING btree ("app_id",lower("email")) WHERE "app_users"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "app_users_app_phone_key" ON "app_users" USING btree ("app_id","phone") WHERE "app_users"."phone" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "app_users_app_external_id_key" ON "app_users" USING btree ("app_id","external_id") WHERE "app_users"."external_id" is not null;--> statement-breakpoint
CREATE INDEX "app_users_app_list_idx" ON "app_users" USING btree ("app_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "app_users_base_user_idx" ON "app_users" USING btree ("base_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "base_users_workspace_email_key" ON "base_users" USING btree ("workspace_id",lower("email")) WHERE "base_users"."email" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "base_users_workspace_phone_key" ON "base_users" USING btree ("workspace_id","phone") WHERE "base_users"."phone" is not null;--> statement-breakpoint
CREATE INDEX "sessions_user_live_idx" ON "sessions" USING btree ("app_user_id","created_at") WHERE "sessions"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "sessions_app_idx" ON "sessions" USING btree ("app_id");--> statement-breakpoint
CREATE INDEX "events_app_created_idx" ON "events" USING btree ("app_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_workspace_created_idx" ON "events" USING btree ("workspace_id","created_at" DESC NULLS LAST);