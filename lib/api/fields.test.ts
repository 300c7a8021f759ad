import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nullable, optional, PAGINATION, pageSize, zArray, zBool, zInt, zJsonObject, zText } from "@/lib/api/fields";

const ok = <T extends z.ZodType>(schema: T, value: unknown) => {
  const r = schema.safeParse(value);
  expect(r.success, `${JSON.stringify(value)}: ${r.error?.message}`).toBe(true);
  return r.data;
};
const bad = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  expect(r.success, `${JSON.stringify(value)} should be refused`).toBe(false);
  return r.error?.issues[0]?.code;
};

describe("zBool", () => {
  it('accepts booleans and the strings "true"/"false"/"1"/"0"', () => {
    const s = zBool();
    expect(ok(s, true)).toBe(true);
    expect(ok(s, false)).toBe(false);
    expect(ok(s, "true")).toBe(true);
    expect(ok(s, "1")).toBe(true);
    expect(ok(s, "false")).toBe(false);
    expect(ok(s, "0")).toBe(false);
  });

  it("refuses anything else as a type error", () => {
    for (const v of ["yes", "TRUE", " true", "", 1, 0, null]) expect(bad(zBool(), v), String(v)).toBe("invalid_type");
  });
});

describe("zInt", () => {
  it("accepts integers and numeric strings within range", () => {
    const s = zInt(1, 100);
    expect(ok(s, 5)).toBe(5);
    expect(ok(s, "42")).toBe(42);
    expect(ok(s, " 7 ")).toBe(7);
    expect(ok(zInt(-10, 10), "-3")).toBe(-3);
  });

  it("refuses non-integers as type errors and out-of-range values as range errors", () => {
    const s = zInt(1, 100);
    for (const v of ["4.5", "abc", "1e2", "", "0x10"]) expect(bad(s, v), v).toBe("invalid_type");
    expect(bad(s, 4.5)).toBe("invalid_type");
    expect(bad(s, "0")).toBe("too_small");
    expect(bad(s, "101")).toBe("too_big");
    expect(bad(s, "99999999999999999999")).toBe("too_big");
  });
});

describe("zJsonObject and zArray", () => {
  const Meta = zJsonObject(z.object({ plan: z.string() }));

  it("accepts an object or a JSON-encoded object", () => {
    expect(ok(Meta, { plan: "pro" })).toEqual({ plan: "pro" });
    expect(ok(Meta, '{"plan":"pro"}')).toEqual({ plan: "pro" });
    expect(ok(Meta, '  {"plan":"pro"} ')).toEqual({ plan: "pro" });
  });

  it("refuses strings that are not a JSON object", () => {
    expect(bad(Meta, "{bad json")).toBe("invalid_type");
    expect(bad(Meta, "[1]")).toBe("invalid_type");
    expect(bad(Meta, "plan=pro")).toBe("invalid_type");
  });

  it("zArray accepts arrays, JSON arrays and form objects with numeric keys, bounded", () => {
    const s = zArray(z.string(), 3);
    expect(ok(s, ["a", "b"])).toEqual(["a", "b"]);
    expect(ok(s, '["a","b"]')).toEqual(["a", "b"]);
    expect(ok(s, { 0: "a", 1: "b" })).toEqual(["a", "b"]);
    expect(bad(s, ["a", "b", "c", "d"])).toBe("too_big");
    expect(bad(s, "a,b")).toBe("invalid_type");
  });
});

describe("zText", () => {
  it("trims and bounds the text", () => {
    expect(ok(zText(5), "  hello ")).toBe("hello");
    expect(bad(zText(5), "   ")).toBe("too_small");
    expect(bad(zText(5), "toolong")).toBe("too_big");
  });

  it("refuses NUL and other control characters but keeps tabs and newlines", () => {
    for (const v of ["a\u0000b", "a\u0007b", "a\u001bb", "a\u007fb", "a\u000bb"]) expect(bad(zText(), v), JSON.stringify(v)).toBe("custom");
    expect(ok(zText(), "line one\nline two\tend")).toBe("line one\nline two\tend");
  });
});

describe("optional, nullable and pagination", () => {
  it('optional() reads "" from a form as absent', () => {
    const s = z.object({ n: optional(zInt(1, 9)) });
    expect(ok(s, { n: "" })).toEqual({ n: undefined });
    expect(ok(s, {})).toEqual({});
    expect(ok(s, { n: "3" })).toEqual({ n: 3 });
  });

  it('nullable() reads "" and null as a cleared value', () => {
    const s = z.object({ url: nullable(z.string()) });
    expect(ok(s, { url: "" })).toEqual({ url: null });
    expect(ok(s, { url: null })).toEqual({ url: null });
    expect(ok(s, {})).toEqual({});
  });

  it("pages default to 1 and accept limit or its synonym per_page (spec §1.7)", () => {
    const Q = z.object(PAGINATION);
    expect(ok(Q, {})).toEqual({ page: 1 });
    expect(ok(Q, { page: "" })).toEqual({ page: 1 });
    expect(ok(Q, { page: "3", per_page: "50" })).toEqual({ page: 3, per_page: 50 });
    expect(bad(Q, { limit: "101" })).toBe("too_big");
    expect(bad(Q, { page: "0" })).toBe("too_small");
    expect(pageSize({})).toBe(25);
    expect(pageSize({ per_page: 50 })).toBe(50);
    expect(pageSize({ limit: 10, per_page: 50 })).toBe(10);
    expect(pageSize({}, 100)).toBe(100);
  });
});
