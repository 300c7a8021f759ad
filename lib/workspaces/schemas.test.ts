import { describe, expect, it } from "vitest";
import { CreateWorkspaceBody, UpdateWorkspaceBody, workspaceSlug } from "@/lib/workspaces/schemas";

describe("workspace schemas", () => {
  it("accepts slugs of 1-64 lowercase letters, digits and inner dashes", () => {
    for (const ok of ["a", "acme", "acme-corp-2", "x".repeat(64)]) expect(workspaceSlug.safeParse(ok).success).toBe(true);
    for (const bad of ["", "-a", "a-", "Acme", "a_b", "a b", "x".repeat(65), "0190a4b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b"]) {
      expect(workspaceSlug.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("takes fields flat or wrapped in `workspace`, wrapped values winning", () => {
    const flat = CreateWorkspaceBody.parse({ name: " Acme " });
    expect(flat).toEqual({ name: "Acme" });
    const wrapped = CreateWorkspaceBody.parse({ name: "Flat", workspace: { name: "Inner", slug: "inner" } });
    expect(wrapped).toEqual({ name: "Inner", slug: "inner" });
  });

  it("reads settings from a JSON string and form values from strings; drops unknown keys", () => {
    const parsed = UpdateWorkspaceBody.parse({
      settings: '{"onboarding":{"fullName":true}}',
      public_signup: "false",
      is_pro: true,
      logo_url: "",
    });
    expect(parsed).toEqual({ settings: { onboarding: { fullName: true } }, public_signup: false, logo_url: null });
  });
});
