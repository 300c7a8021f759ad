import { describe, expect, it } from "vitest";
import { parseHttpUrl, parseOrigin, urlOnOrigins } from "@/lib/urls";

describe("parseOrigin", () => {
  it("accepts https origins and http on loopback, normalised", () => {
    expect(parseOrigin("https://a.test")).toBe("https://a.test");
    expect(parseOrigin("https://a.test/")).toBe("https://a.test");
    expect(parseOrigin("https://A.Test:443")).toBe("https://a.test");
    expect(parseOrigin("https://a.test:8443")).toBe("https://a.test:8443");
    expect(parseOrigin("http://localhost:3000")).toBe("http://localhost:3000");
    expect(parseOrigin("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
    expect(parseOrigin("http://[::1]:5173")).toBe("http://[::1]:5173");
    expect(parseOrigin("https://bücher.test")).toBe("https://xn--bcher-kva.test");
  });

  it("refuses paths, userinfo, query, fragment and non-web schemes", () => {
    for (const value of [
      "https://a.test/path",
      "https://a.test/cb?x=1",
      "https://a.test?",
      "https://a.test?x=1",
      "https://a.test#frag",
      "https://user@a.test",
      "https://user:pw@a.test",
      "https://a.test\\@evil.test",
      "javascript:alert(1)",
      "data:text/html,hi",
      "ftp://a.test",
      "file:///etc/passwd",
      "a.test",
      "//a.test",
      "",
    ]) {
      expect(parseOrigin(value), value).toBeNull();
    }
  });

  it("refuses plain http except on loopback, and wildcard hosts", () => {
    for (const value of [
      "http://a.test",
      "http://localhost.evil.test",
      "http://0.0.0.0:3000",
      "http://10.0.0.1",
      "https://*.a.test",
      "https://*",
      "http://*.localhost",
    ]) {
      expect(parseOrigin(value), value).toBeNull();
    }
  });
});

describe("parseHttpUrl and urlOnOrigins", () => {
  it("parses absolute http(s) URLs without userinfo", () => {
    expect(parseHttpUrl("https://a.test/cb?x=1")?.href).toBe("https://a.test/cb?x=1");
    expect(parseHttpUrl("http://a.test/cb")?.origin).toBe("http://a.test");
    expect(parseHttpUrl("http://a.test/cb", { httpsOnly: true })).toBeNull();
    for (const value of ["javascript:alert(1)", "https://u:p@a.test/", "/relative", "mailto:a@b.test", "nope"]) {
      expect(parseHttpUrl(value), value).toBeNull();
    }
  });

  it("places a URL on an exact origin only", () => {
    const origins = ["https://a.test", "http://localhost:3000"];
    expect(urlOnOrigins("https://a.test/welcome?x=1", origins)).toBe(true);
    expect(urlOnOrigins("http://localhost:3000/cb", origins)).toBe(true);
    for (const url of [
      "https://a.test.evil.test/",
      "https://evil.test/https://a.test",
      "https://a.test:8443/",
      "http://a.test/",
      "https://user@a.test/",
      "javascript:alert(1)//https://a.test",
      "//a.test/x",
    ]) {
      expect(urlOnOrigins(url, origins), url).toBe(false);
    }
  });
});
