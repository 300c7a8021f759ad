/** Request and response shapes of the MFA enrollment routes (spec §14.8). */
import { z } from "zod";
import { optional, zText } from "@/lib/api/fields";

export const MfaParams = z.object({ app_id: z.string() });
export const MfaMethodParams = z.object({ app_id: z.string(), id: z.string().max(64) });

export const MfaEnrollBody = z.object({
  method: z.enum(["totp", "email_otp", "sms_otp"]),
  name: optional(zText(64)),
  identifier: optional(zText(320)).describe("email_otp / sms_otp: where codes go (default: the user's own email or phone)."),
});

export const MfaEnrollVerifyBody = z.object({ enrollment_id: z.string().max(64), code: z.string().max(64) });

export const MfaReverifyQuery = z.object({
  challenge: optional(z.string().max(256)).describe("Token of a completed step_up challenge (needed when the session is older than mfa_reverify_minutes)."),
});

export const MfaEnrollmentSchema = z
  .object({
    id: z.string(),
    method: z.enum(["totp", "email_otp", "sms_otp"]),
    name: z.string().nullable(),
    verified: z.boolean(),
    identifier: z.string().nullable(),
    created_at: z.string(),
    last_used_at: z.string().nullable(),
  })
  .meta({ id: "MfaEnrollment" });

export const MfaEnrollResponse = z.object({
  enrollment: MfaEnrollmentSchema,
  secret: z.string().optional(),
  provisioning_uri: z.string().optional(),
  challenge: z.record(z.string(), z.unknown()).optional(),
});
export const MfaEnrollVerifyResponse = z.object({ enrollment: MfaEnrollmentSchema });
export const MfaBackupCodesResponse = z.object({ backup_codes: z.array(z.string()) });
export const MfaMethodsResponse = z.object({
  mfa_enabled: z.boolean(),
  backup_codes_available: z.number().int(),
  methods: z.array(MfaEnrollmentSchema),
});
export const MfaStatusResponse = z.object({
  mfa_enabled: z.boolean(),
  policy: z.enum(["disabled", "optional", "required"]),
  methods: z.array(MfaEnrollmentSchema),
});
