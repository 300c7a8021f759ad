import type { z } from "zod";
import { AppError } from "@/lib/errors";

/**
 * Map zod issues to the error envelope: a missing or wrongly typed field is a
 * malformed request (400 `bad_request`); a well-formed value outside its rules
 * is 422 `validation_failed` (spec §1.6, §4.5). `errors` names every field.
 */
export function validationError(error: z.ZodError, where: "body" | "query" | "path"): AppError {
  const errors: Record<string, string[]> = {};
  let malformed = false;
  for (const issue of error.issues) {
    const field = issue.path.map(String).join(".") || where;
    (errors[field] ??= []).push(issue.message);
    if (issue.code === "invalid_type" || issue.code === "unrecognized_keys" || issue.code === "invalid_union") {
      malformed = true;
    }
  }
  const first = Object.entries(errors)[0];
  const summary = first ? `${first[0]}: ${first[1][0]}` : "invalid input";
  if (where === "path") return new AppError("not_found");
  return new AppError({
    code: malformed ? "bad_request" : "validation_failed",
    message: `Invalid ${where === "query" ? "query parameter" : "request field"} ${summary}`,
    errors,
  });
}

export function parseWith<T extends z.ZodType>(schema: T, data: unknown, where: "body" | "query" | "path"): z.output<T> {
  const result = schema.safeParse(data);
  if (!result.success) throw validationError(result.error, where);
  return result.data;
}
