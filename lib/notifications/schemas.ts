/** Notification shapes (spec §20): the one zod source for /v1/notifications and OpenAPI. */
import { z } from "zod";
import { optional, PAGINATION } from "@/lib/api/fields";

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export const CATEGORIES = ["system", "security", "billing", "delivery", "usage"] as const;

/** GET /v1/notifications (20.1). */
export const ListNotificationsQuery = z.object({
  ...PAGINATION,
  status: optional(z.enum(["unread", "read", "all"])).default("all").describe("Default `all`"),
  priority: optional(z.enum(PRIORITIES)),
  category: optional(z.enum(CATEGORIES)),
});
export type ListNotificationsQueryInput = z.output<typeof ListNotificationsQuery>;

export const NotificationParams = z.object({ notification_id: z.string().min(1) });

export const Notification = z
  .object({
    id: z.string(),
    title: z.string(),
    message: z.string(),
    priority: z.enum(PRIORITIES),
    category: z.enum(CATEGORIES),
    dismissible: z.boolean(),
    read_at: z.string().nullable(),
    dismissed_at: z.string().nullable(),
    action_url: z.string().nullable(),
    action_label: z.string().nullable(),
    workspace_id: z.string(),
    app_id: z.string().nullable().describe("Public app id (`app_…`)"),
    created_at: z.string(),
    expires_at: z.string().nullable(),
  })
  .meta({ id: "Notification", description: "A dashboard notification of the calling member (spec §20)." });
export type NotificationObject = z.output<typeof Notification>;

export const NotificationResponse = z.object({ notification: Notification });

export const NotificationListResponse = z.object({
  notifications: z.array(Notification),
  pagination: z.object({
    current_page: z.number().int(),
    total_pages: z.number().int(),
    total_count: z.number().int(),
    per_page: z.number().int(),
  }),
  unread_count: z.number().int(),
});

export const NotificationStatsResponse = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  by_priority: z.record(z.string(), z.number().int()),
  by_category: z.record(z.string(), z.number().int()),
});

export const ReadAllResponse = z.object({ updated_count: z.number().int() });
