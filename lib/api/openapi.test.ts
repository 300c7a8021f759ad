import { readFileSync } from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { zBool, zInt } from "@/lib/api/fields";
import {
  BODY_MEDIA_TYPES,
  buildOpenApiDocument,
  getOpenApiDocument,
  getOpenApiJson,
  HTTP_METHODS,
  isRouteHandler,
} from "@/lib/api/openapi";
import { apiRoute, type AuthKind } from "@/lib/api/route";
import { routeManifest } from "@/lib/api/route-manifest";
import { getEnv } from "@/lib/env";
import packageJson from "@/package.json";
import { MANIFEST_FILE, renderManifest, ROOT, routePathOf, scanRouteFiles } from "@/scripts/gen-route-manifest";
import { call, createTenant } from "@/test/harness";
import { GET as getPublicApp } from "@/app/v1/apps/[app_id]/route";

/** Follow a local `$ref` (`#/components/...`) through the document. */
function deref(doc: any, node: any): any {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    if (hops > 10) throw new Error(`$ref loop at ${node.$ref}`);
    current = resolvePointer(doc, current.$ref);
  }
  return current;
}

function resolvePointer(doc: any, ref: string): any {
  if (!ref.startsWith("#/")) throw new Error(`non-local $ref ${ref}`);
  return ref
    .slice(2)
    .split("/")
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node, key) => (node === undefined ? undefined : node[key]), doc);
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const item of node) collectRefs(item, out);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string") out.push(value);
      else collectRefs(value, out);
    }
  }
  return out;
}

/** JSON pointers of every schema in the document (parameters, bodies, responses, headers, components). */
function schemaPointers(doc: any): string[] {
  const out: string[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((x, i) => walk(x, `${at}/${i}`));
    else if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) {
        const key = k.replace(/~/g, "~0").replace(/\//g, "~1");
        if (k === "schema") out.push(`${at}/schema`);
        else walk(v, `${at}/${key}`);
      }
    }
  };
  walk(doc.paths, "#/paths");
  walk(doc.components?.headers, "#/components/headers");
  for (const name of Object.keys(doc.components?.schemas ?? {})) out.push(`#/components/schemas/${name}`);
  return out;
}

/** An Ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) that resolves `openapi#/...` into `doc`. */
function schemaChecker(doc: object): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(structuredClone(doc), "openapi");
  return ajv;
}

const noop = async () => ({});

describe("route manifest", () => {
  it("is fresh: lib/api/route-manifest.ts matches app/v1/**/route.ts (run `npm run routes:gen`)", () => {
    const onDisk = readFileSync(path.join(ROOT, MANIFEST_FILE), "utf8");
    expect(onDisk).toBe(renderManifest(scanRouteFiles()));
    expect(routeManifest.map((e) => e.file).sort()).toEqual(scanRouteFiles());
  });

  it("maps Next.js folders to OpenAPI paths", () => {
    expect(routePathOf("app/v1/apps/[app_id]/route.ts")).toBe("/v1/apps/{app_id}");
    expect(routePathOf("app/v1/(admin)/[app_id]/users/[id]/route.ts")).toBe("/v1/{app_id}/users/{id}");
    expect(routePathOf("app/v1/auth/[app_id]/.well-known/jwks.json/route.ts")).toBe(
      "/v1/auth/{app_id}/.well-known/jwks.json",
    );
    expect(routePathOf("app/v1/files/[...rest]/route.ts")).toBe("/v1/files/{rest}");
    expect(routePathOf("app/v1/route.ts")).toBe("/v1");
  });

  it("renders deterministically, sorted by path whatever the input order", () => {
    const files = ["app/v1/b/route.ts", "app/v1/a/[id]/route.ts", "app/v1/a/route.ts"];
    const text = renderManifest(files);
    expect(renderManifest([...files].reverse())).toBe(text);
    expect(text.split("\n")[0]).toMatch(/GENERATED/);
    expect(text.indexOf('"/v1/a"')).toBeLessThan(text.indexOf('"/v1/a/{id}"'));
    expect(text.indexOf('"/v1/a/{id}"')).toBeLessThan(text.indexOf('"/v1/b"'));
    expect(text).toContain('import * as r0 from "@/app/v1/a/route";');
    expect(renderManifest([])).toContain("routeManifest: readonly RouteManifestEntry[] = [];");
  });
});

describe("OpenAPI document", () => {
  it("documents every exported HTTP method of every route module at its path", async () => {
    const doc = await getOpenApiDocument();
    const missing: string[] = [];
    let count = 0;
    for (const entry of routeManifest) {
      for (const method of HTTP_METHODS) {
        const handler = entry.module[method];
        if (handler === undefined) continue;
        count++;
        if (!isRouteHandler(handler)) missing.push(`${method} ${entry.path}: not wrapped in apiRoute() (${entry.file})`);
        else if (!doc.paths?.[entry.path]?.[method.toLowerCase() as "get"]) missing.push(`${method} ${entry.path}`);
      }
    }
    expect(missing, "routes missing from /v1/openapi.json").toEqual([]);
    expect(count).toBeGreaterThan(3);
    // …and nothing else.
    const documented = Object.entries(doc.paths ?? {}).flatMap(([p, item]) =>
      HTTP_METHODS.filter((m) => (item as any)[m.toLowerCase()]).map((m) => `${m} ${p}`),
    );
    expect(documented).toHaveLength(count);
    expect(doc.paths?.["/v1/openapi.json"]?.get).toBeDefined();
    expect(doc.paths?.["/v1/apps/{app_id}"]?.get?.summary).toBe("Public app configuration");
  });

  it("builds without warnings (no schema was documented less precisely than declared)", () => {
    const { warnings } = buildOpenApiDocument(routeManifest, { serverUrl: "http://localhost:3999" });
    expect(warnings).toEqual([]);
  });

  it("is valid OpenAPI 3.1", async () => {
    const doc = await getOpenApiDocument();
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("has only valid JSON Schema 2020-12 schemas, which compile (patterns included)", async () => {
    const doc: any = await getOpenApiDocument();
    const ajv = schemaChecker(doc);
    const pointers = schemaPointers(doc);
    expect(pointers.length).toBeGreaterThan(10);
    const problems: string[] = [];
    for (const pointer of pointers) {
      const schema = resolvePointer(doc, pointer);
      if (!ajv.validateSchema(schema)) problems.push(`${pointer}: ${ajv.errorsText(ajv.errors)}`);
      try {
        ajv.compile({ $ref: `openapi${pointer}` });
      } catch (error) {
        problems.push(`${pointer}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
    expect(ajv.validateSchema({ type: "banana" })).toBe(false);
  });

  it("documents what GET /v1/apps/{app_id} really answers, success and error", async () => {
    const doc: any = await getOpenApiDocument();
    const ajv = schemaChecker(doc);
    const at = "#/paths/~1v1~1apps~1{app_id}/get/responses";
    const ok = ajv.compile({ $ref: `openapi${at}/200/content/application~1json/schema` });
    const t = await createTenant();
    const res = await call(getPublicApp, "GET", `/v1/apps/${t.app.publicId}`, { params: { app_id: t.app.publicId } });
    expect(res.status, res.text).toBe(200);
    expect(ok(res.body), ajv.errorsText(ok.errors)).toBe(true);
    expect(ok({ id: 1 })).toBe(false);

    const notFound = deref(doc, resolvePointer(doc, `${at}/404`));
    const envelope = ajv.compile(deref(doc, notFound.content["application/json"].schema));
    const missing = await call(getPublicApp, "GET", "/v1/apps/app_nope", { params: { app_id: "app_nope" } });
    expect(missing.status).toBe(404);
    expect(envelope(missing.body), ajv.errorsText(envelope.errors)).toBe(true);
    expect(envelope({ error: { message: "x" }, error_code: "not_found" })).toBe(false);
  });

  it("resolves every $ref, declares every path parameter and uses unique operation ids", async () => {
    const doc: any = await getOpenApiDocument();
    const dangling = collectRefs(doc).filter((ref) => resolvePointer(doc, ref) === undefined);
    expect(dangling).toEqual([]);
    const ids: string[] = [];
    for (const [p, item] of Object.entries<any>(doc.paths)) {
      const names = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      for (const method of HTTP_METHODS) {
        const op = item[method.toLowerCase()];
        if (!op) continue;
        ids.push(op.operationId);
        const pathParams = (op.parameters ?? []).map((x: any) => deref(doc, x)).filter((x: any) => x.in === "path");
        expect(pathParams.map((x: any) => x.name).sort(), `${method} ${p}`).toEqual([...names].sort());
        for (const x of pathParams) expect(x.required, `${method} ${p} {${x.name}}`).toBe(true);
        expect(op.responses["200"], `${method} ${p}`).toBeDefined();
        expect(op.responses["500"], `${method} ${p}`).toBeDefined();
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes POST /v1/apps' body as input, with name and origin required in every media type", async () => {
    const doc: any = await getOpenApiDocument();
    const body = doc.paths["/v1/apps"].post.requestBody;
    expect(Object.keys(body.content).sort()).toEqual([...BODY_MEDIA_TYPES].sort());
    for (const type of BODY_MEDIA_TYPES) {
      const schema = deref(doc, body.content[type].schema);
      expect(schema.type, type).toBe("object");
      expect(schema.required, type).toEqual(expect.arrayContaining(["name", "origin"]));
      // Input, not output: the transform on `origin` renders as the string a client sends.
      expect(schema.properties.origin.type).toBe("string");
      expect(schema.properties.public_signup.type).toBe("boolean");
    }
    expect(body.required).toBe(true);
  });

  it("has the info, server, error envelope and security schemes of the contract", async () => {
    const doc: any = await getOpenApiDocument();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBe("Tessera API");
    expect(doc.info.version).toBe(packageJson.version);
    expect(doc.servers).toEqual([{ url: getEnv().baseUrl, description: expect.any(String) }]);

    const error = doc.components.schemas.Error;
    expect(error.required).toEqual(["error", "error_code"]);
    expect(error.properties.error.type).toBe("string");
    expect(error.properties.error_code.enum).toContain("rate_limited");
    expect(Object.keys(error.properties)).toEqual(expect.arrayContaining(["errors", "request_id"]));

    const schemes = doc.components.securitySchemes;
    expect(schemes.secret).toMatchObject({ type: "http", scheme: "bearer" });
    expect(schemes.user).toMatchObject({ type: "apiKey", in: "header", name: "X-Authorization" });
    expect(schemes.refresh).toMatchObject({ type: "apiKey", in: "header", name: "X-Refresh-Token" });

    expect(doc.paths["/v1/apps"].get.security).toEqual([{ secret: [] }]);
    expect(doc.paths["/v1/apps/{app_id}"].get.security).toBeUndefined();
    expect(doc.paths["/v1/apps/{app_id}"].get.responses["401"]).toBeUndefined();
    const unauthorized = deref(doc, doc.paths["/v1/apps"].get.responses["401"]);
    expect(deref(doc, unauthorized.content["application/json"].schema)).toBe(error);
  });

  it("is built once and served as the same string", async () => {
    expect(await getOpenApiDocument()).toBe(await getOpenApiDocument());
    const json = await getOpenApiJson();
    expect(await getOpenApiJson()).toBe(json);
    expect(JSON.parse(json)).toEqual(await getOpenApiDocument());
  });
});

describe("buildOpenApiDocument on unusual routes", () => {
  const build = (module: Record<string, unknown>, p = "/v1/things/{thing_id}") =>
    buildOpenApiDocument([{ path: p, file: "app/v1/things/[thing_id]/route.ts", module }], {
      serverUrl: "http://localhost:3999",
    });

  it("renders preprocessed query and body fields as the client's input", () => {
    const POST = apiRoute(
      {
        auth: "secret",
        summary: "Make a thing",
        tags: ["Things"],
        params: z.preprocess((v) => v, z.object({ thing_id: z.string().max(10) })),
        query: z.preprocess((v) => v, z.object({ page: zInt(1, 5).optional() })),
        body: z.preprocess(
          (v) => v,
          z.object({ on: zBool(), label: z.string().transform((s) => s.length), note: z.string().optional() }),
        ),
      },
      noop,
    );
    const { document, warnings } = build({ POST });
    expect(warnings).toEqual([]);
    const op: any = document.paths?.["/v1/things/{thing_id}"]?.post;
    expect(op.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ in: "path", name: "thing_id", required: true, schema: expect.objectContaining({ maxLength: 10 }) }),
        expect.objectContaining({ in: "query", name: "page", schema: expect.objectContaining({ type: "integer" }) }),
      ]),
    );
    const body = deref(document, op.requestBody.content["multipart/form-data"].schema);
    expect(body.properties.on.type).toBe("boolean");
    expect(body.properties.label.type).toBe("string");
    expect(body.required).toEqual(["on", "label"]);
  });

  it("falls back to a generic response (with a warning) when the response schema cannot be rendered", () => {
    const GET = apiRoute(
      {
        auth: "none",
        summary: "Transforming response",
        tags: ["Things"],
        response: z.object({ n: z.string().transform((s) => s.length) }),
      },
      noop,
    );
    const { document, warnings } = build({ GET });
    expect(warnings).toHaveLength(1);
    expect(warnings[0] ?? "").toMatch(/GET \/v1\/things\/\{thing_id\}: documented without its response schema/);
    const ok: any = document.paths?.["/v1/things/{thing_id}"]?.get?.responses?.["200"];
    expect(ok.content["application/json"].schema.type).toBe("object");
  });

  it("declares template parameters a route forgot, and warns about unwrapped handlers and unknown auth kinds", () => {
    const GET = apiRoute({ auth: "none", summary: "No params declared", tags: ["Things"] }, noop);
    const PUT = apiRoute({ auth: "martian" as AuthKind, summary: "Strange auth", tags: ["Things"] }, noop);
    const DELETE = async () => new Response(null);
    const { document, warnings } = build({ GET, PUT, DELETE, OPTIONS: DELETE, dynamic: "force-dynamic" });
    const get: any = document.paths?.["/v1/things/{thing_id}"]?.get;
    expect(get.parameters).toEqual([expect.objectContaining({ in: "path", name: "thing_id", required: true })]);
    expect(document.paths?.["/v1/things/{thing_id}"]?.delete).toBeUndefined();
    expect(warnings).toEqual([
      expect.stringMatching(/DELETE \/v1\/things\/\{thing_id\}.*not wrapped in apiRoute/),
      expect.stringMatching(/PUT \/v1\/things\/\{thing_id\}: auth kind "martian"/),
    ]);
  });
});
