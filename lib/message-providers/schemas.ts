/** Shapes of the message service provider API (spec §19). */
import { z } from "zod";
import { nullable, optional, unwrap, zBool, zJsonObject, zText } from "@/lib/api/fields";

export const ProvidersParams = z.object({ app_id: z.string() });
export const ProviderParams = ProvidersParams.extend({ id: z.string() });

const fields = {
  name: nullable(zText(128)).describe("Label, e.g. `Twilio prod`"),
  enabled: optional(zBool()).describe("Default true"),
  is_default: optional(zBool()).describe("The channel's provider for this app; the first provider of a channel becomes its default"),
  from: nullable(zText(320)).describe("Sender: E.164 number or messaging service (SMS), address or `Name <address>` (email)"),
  config: optional(zJsonObject(z.record(z.string(), z.unknown()))).describe(
    "Provider settings. twilio: `account_sid`, `auth_token`; smtp: `host`, `port`, `secure`, `require_tls`, `username`, " +
      "`password`; resend: `api_key`. Secret values read back as `••••`; sending `••••` keeps the stored value.",
  ),
};

export const UpsertProviderBody = z.preprocess(
  unwrap("message_service_provider"),
  z.object({
    // A missing type is a malformed request (400), an unknown one a validation failure (422).
    provider_type: z.string().pipe(z.enum(["sms", "email"])),
    provider: zText(32).transform((s) => s.toLowerCase()),
    ...fields,
  }),
);
export type UpsertProviderInput = z.output<typeof UpsertProviderBody>;

export const UpdateProviderBody = z.preprocess(
  unwrap("message_service_provider"),
  z.object({
    provider_type: optional(z.enum(["sms", "email"])),
    provider: optional(zText(32).transform((s) => s.toLowerCase())),
    ...fields,
  }),
);
export type UpdateProviderInput = z.output<typeof UpdateProviderBody>;

export const ProviderSchema = z
  .object({
    id: z.string(),
    provider_type: z.enum(["sms", "email"]),
    provider: z.string(),
    name: z.string().nullable(),
    enabled: z.boolean(),
    is_default: z.boolean(),
    from: z.string().nullable(),
    config: z.record(z.string(), z.unknown()).describe("Settings; secret values masked as `••••`"),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: "MessageServiceProvider", description: "An app's SMS or email delivery provider (spec §19)." });
export type ProviderObject = z.output<typeof ProviderSchema>;

export const ProviderResponse = z.object({ message_service_provider: ProviderSchema });
export const ProviderListResponse = z.object({ message_service_providers: z.array(ProviderSchema) });
