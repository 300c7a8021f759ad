import { describe, expect, it } from "vitest";
import { GET } from "@/app/(dashboard)/dashboard/auth/end/route";

describe("GET /dashboard/auth/end", () => {
  it("clears the dashboard session cookie and explains a known reason on the sign-in page", () => {
    const res = GET(new Request("http://localhost:3999/dashboard/auth/end?reason=not_a_member"));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("http://localhost:3999/dashboard/sign-in?reason=not_a_member");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^tessera\.dashboard-session=;/);
    expect(cookie).toMatch(/Max-Age=0/i);
    expect(cookie).toMatch(/HttpOnly/i);
  });

  it("drops reasons it does not know (no text injection into the sign-in page)", () => {
    const res = GET(new Request("http://localhost:3999/dashboard/auth/end?reason=%3Cscript%3E"));
    expect(res.headers.get("location")).toBe("http://localhost:3999/dashboard/sign-in");
  });
});
