/** Shapes of the dev outbox API (GET /v1/apps/{app_id}/outbox). */
import { z } from "zod";
import { optional, zInt } from "@/lib/api/fields";

export const OutboxParams = z.object({ app_id: z.string() });

export const OutboxQuery = z.object({
  limit: optional(zInt(1, 100)).default(25).describe("How many messages, newest first (1–100, default 25)"),
});

export const OutboxMessageSchema = z
  .object({
    id: z.string(),
    channel: z.enum(["email", "sms"]),
    template: z.string(),
    to: z.string(),
    subject: z.string().nullable(),
    text: z.string().nullable(),
    html: z.string().nullable(),
    links: z.array(z.string()),
    code: z.string().nullable(),
    status: z.string(),
    created_at: z.string(),
  })
  .meta({ id: "OutboxMessage", description: "A captured email or SMS (dev outbox)." });

export const OutboxResponse = z.object({ messages: z.array(OutboxMessageSchema) });
