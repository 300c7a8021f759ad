import { describe, expect, it } from "vitest";
import { readSignUpForm } from "@/lib/hosted/sign-up";
import type { SignUpField } from "@/lib/hosted/sign-up-shared";
import type { MetaFieldRow } from "@/lib/meta-fields/list-meta-fields";

const now = new Date("2030-01-01T00:00:00Z");
function row(fieldName: string, fieldType: MetaFieldRow["fieldType"], extra: Partial<MetaFieldRow> = {}): MetaFieldRow {
  return {
    id: `00000000-0000-4000-8000-${String(fieldName.length).padStart(12, "0")}`,
    appId: "00000000-0000-4000-8000-000000000000",
    name: fieldName,
    fieldName,
    fieldType,
    visibleProfile: true,
    visibleRegistration: true,
    required: false,
    position: 0,
    asVerificationIdentifier: false,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}
const asField = (r: MetaFieldRow): SignUpField => ({ fieldName: r.fieldName, label: r.name, fieldType: r.fieldType, required: r.required });

const rows = [
  row("company", "string", { required: true }),
  row("team_size", "integer"),
  row("newsletter", "boolean"),
  row("site", "url"),
  row("plan", "string", { visibleRegistration: false }),
];
const shown = rows.filter((r) => r.visibleRegistration).map(asField);

function form(entries: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.set(k, v);
  return fd;
}

describe("readSignUpForm", () => {
  it("types the shown fields and ignores everything else", () => {
    const read = readSignUpForm(
      form({ identifier: " a@x.test ", "meta.company": " Acme ", "meta.team_size": "12", "meta.newsletter": "true", "meta.plan": "gold", plan: "gold" }),
      shown,
      rows,
    );
    expect(read.errors).toEqual({});
    expect(read.raw).toBe("a@x.test");
    expect(read.meta).toEqual({ company: "Acme", team_size: 12, newsletter: true });
    expect(read.values["meta.team_size"]).toBe("12");
  });

  it("reports each bad or missing field with its own message key, keeping what was typed", () => {
    const read = readSignUpForm(form({ identifier: "a@x.test", "meta.team_size": "1.5", "meta.site": "javascript:alert(1)" }), shown, rows);
    expect(read.errors).toEqual({
      company: "hosted.signup.field.required",
      team_size: "hosted.signup.field.integer",
      site: "hosted.signup.field.url",
    });
    expect(read.values).toMatchObject({ identifier: "a@x.test", "meta.team_size": "1.5", "meta.site": "javascript:alert(1)" });
  });

  it("reads an unticked checkbox as false and caps oversized input", () => {
    const read = readSignUpForm(form({ identifier: "a@x.test", "meta.company": "x".repeat(300) }), shown, rows);
    expect(read.meta.newsletter).toBe(false);
    expect(read.errors.company).toBe("hosted.signup.field.string");
  });
});
