import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zBool, zInt, zText } from "@/lib/api/fields";
import { parseWith, validationError } from "@/lib/api/validation";
import { AppError } from "@/lib/errors";

const Body = z.object({
  name: zText(10),
  active: zBool().optional(),
  count: zInt(1, 5).optional(),
  kind: z.enum(["a", "b"]).optional(),
  email: z.email().optional(),
  meta: z.object({ plan: z.string() }).optional(),
});

function thrown(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("parseWith", () => {
  it("returns the parsed (coerced) value", () => {
    expect(parseWith(Body, { name: " x ", active: "1", count: "2" }, "body")).toEqual({ name: "x", active: true, count: 2 });
  });

  it("answers a missing or wrongly typed field with 400 bad_request naming the field", () => {
    const missing = thrown(() => parseWith(Body, {}, "body"));
    expect(missing.status).toBe(400);
    expect(missing.code).toBe("bad_request");
    expect(missing.errors).toHaveProperty("name");
    expect(missing.message).toMatch(/^Invalid request field name: /);

    const wrongType = thrown(() => parseWith(Body, { name: "x", active: "yes" }, "body"));
    expect(wrongType.code).toBe("bad_request");
    expect(wrongType.errors).toHaveProperty("active");

    const nested = thrown(() => parseWith(Body, { name: "x", meta: { plan: 1 } }, "body"));
    expect(nested.errors).toHaveProperty(["meta.plan"]);
  });

  it("answers a well-formed value outside its rules with 422 validation_failed", () => {
    for (const input of [
      { name: "x", count: "9" },
      { name: "x", kind: "c" },
      { name: "x", email: "nope" },
      { name: "far too long a name" },
      { name: "nul\u0000" },
    ]) {
      const e = thrown(() => parseWith(Body, input, "body"));
      expect(e.status, JSON.stringify(input)).toBe(422);
      expect(e.code).toBe("validation_failed");
    }
  });

  it("lists every failing field, and mixes to 400 when any is malformed", () => {
    const e = thrown(() => parseWith(Body, { name: 1, count: "9", kind: "c" }, "body"));
    expect(e.code).toBe("bad_request");
    expect(Object.keys(e.errors ?? {}).sort()).toEqual(["count", "kind", "name"]);
    const body = e.toBody("req_1");
    expect(typeof body.error).toBe("string");
    expect(body).toMatchObject({ error_code: "bad_request", request_id: "req_1" });
  });

  it("words query errors as query parameters and turns bad path params into 404", () => {
    const q = thrown(() => parseWith(z.object({ page: zInt(1, 9) }), { page: "x" }, "query"));
    expect(q.message).toMatch(/^Invalid query parameter page: /);
    const p = thrown(() => parseWith(z.object({ id: z.uuid() }), { id: "nope" }, "path"));
    expect(p.status).toBe(404);
    expect(p.code).toBe("not_found");
  });

  it("reports a root-level failure under the location name", () => {
    const e = validationError(z.object({ a: z.string() }).safeParse("text").error as z.ZodError, "body");
    expect(e.errors).toHaveProperty("body");
    expect(e.code).toBe("bad_request");
  });

  it("treats unknown keys of strict objects and failed unions as malformed", () => {
    expect(thrown(() => parseWith(z.strictObject({ a: z.string() }), { a: "x", b: 1 }, "body")).code).toBe("bad_request");
    expect(thrown(() => parseWith(z.union([z.string(), z.number()]), {}, "body")).code).toBe("bad_request");
  });
});
