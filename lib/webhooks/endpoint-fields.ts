import { AppError } from "@/lib/errors";
import { isKnownEventType } from "@/lib/webhooks/event-types";

const MAX_METADATA_BYTES = 4096;

/** Event filter: known names or `*`, duplicates removed, never empty (threats 3.9); 400 `invalid_event_type`. */
export function normaliseEventTypes(list: string[]): string[] {
  const unique = [...new Set(list.map((s) => s.trim()))];
  if (unique.length === 0) {
    throw new AppError({ code: "invalid_event_type", message: "event_types must list at least one event type (or \"*\")", errors: { event_types: ["must not be empty"] } });
  }
  const unknown = unique.filter((t) => !isKnownEventType(t));
  if (unknown.length) {
    throw new AppError({
      code: "invalid_event_type",
      message: `Unknown webhook event type: ${unknown.slice(0, 5).join(", ")}`.slice(0, 300),
      errors: { event_types: unknown.slice(0, 20).map((t) => `unknown event type ${JSON.stringify(t.slice(0, 100))}`) },
    });
  }
  return unique.includes("*") ? ["*"] : unique;
}

export function checkMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  if (Buffer.byteLength(JSON.stringify(metadata), "utf8") > MAX_METADATA_BYTES) {
    throw new AppError({ code: "validation_failed", message: "metadata is larger than 4 KB", errors: { metadata: ["at most 4 KB as JSON"] } });
  }
  return metadata;
}
