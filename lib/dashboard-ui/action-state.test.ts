import { describe, expect, it } from "vitest";
import { UpdateAppBody } from "@/lib/apps/schemas";
import { errorState, formValues, successState, validationState, zodFieldErrors } from "@/lib/dashboard-ui/action-state";
import { AppError } from "@/lib/errors";

function form(entries: [string, string][]): FormData {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
}

describe("formValues", () => {
  it("keeps the last value of a repeated name (hidden false + checked box) and collects name[] lists", () => {
    const { raw, echo } = formValues(
      form([
        ["passkeys_enabled", "false"],
        ["passkeys_enabled", "true"],
        ["public_signup", "false"],
        ["colors[]", "#112233"],
        ["colors[]", " "],
        ["colors[]", "#445566"],
        ["allowed_identifiers[]", ""],
        ["$ACTION_ID_abc", ""],
      ]),
    );
    expect(raw).toEqual({ passkeys_enabled: "true", public_signup: "false", colors: ["#112233", "#445566"], allowed_identifiers: [] });
    expect(echo.passkeys_enabled).toBe("true");
    expect(Object.keys(raw).some((k) => k.startsWith("$ACTION"))).toBe(false);
  });
});

describe("validation errors from the API's own schemas", () => {
  it("land under the top-level field, items numbered", () => {
    const parsed = UpdateAppBody.safeParse({ origin: "ftp://x", colors: ["#123456", "red"], otp_length: "99" });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    const errors = zodFieldErrors(parsed.error);
    expect(Object.keys(errors).sort()).toEqual(["colors", "origin", "otp_length"]);
    expect(errors.colors?.[0]).toMatch(/RRGGBB.*\(item 2\)/);
    const state = validationState(parsed.error, { origin: "ftp://x" });
    expect(state).toMatchObject({ status: "error", values: { origin: "ftp://x" } });
  });
});

describe("errorState", () => {
  it("maps AppError field errors next to fields", () => {
    const e = new AppError({ code: "validation_failed", errors: { callback_url: ["must be on the app's origin"] } });
    expect(errorState(e)).toMatchObject({ status: "error", fieldErrors: { callback_url: ["Must be on the app's origin"] } });
  });

  it("shows other AppErrors' messages as the form message", () => {
    expect(errorState(new AppError("forbidden"))).toMatchObject({ status: "error", message: "Forbidden", fieldErrors: {} });
  });

  it("never shows an unexpected error's message", () => {
    const state = errorState(new Error("connection string postgres://user:pw@db leaked"));
    expect(state.message).not.toContain("postgres");
    expect(state.status).toBe("error");
  });

  it("re-throws Next.js control flow (redirect) instead of swallowing it", () => {
    const redirectError = Object.assign(new Error("NEXT_REDIRECT"), { digest: "NEXT_REDIRECT;replace;/dashboard;307;" });
    expect(() => errorState(redirectError)).toThrow("NEXT_REDIRECT");
  });

  it("success carries one-time data", () => {
    expect(successState("ok", { token: "t" })).toEqual({ status: "success", message: "ok", fieldErrors: {}, values: {}, data: { token: "t" } });
  });
});
