/**
 * The OpenAPI 3.1 document of /v1, served at /v1/openapi.json. It is built
 * from the route manifest (every app/v1/**\/route.ts) and the `.spec` that
 * apiRoute attaches to each handler, so the zod schemas that validate a
 * request are the ones documented (DESIGN.md "HTTP surface"). Request bodies
 * and parameters are rendered as zod *input* (what a client sends: numeric
 * strings, JSON-in-string objects…), responses as output.
 */
import { z } from "zod";
import {
  createDocument,
  type oas31,
  type ZodOpenApiObject,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import {
  AnyObject,
  API_DESCRIPTION,
  ErrorBody,
  ERRORS,
  RateLimitHeaders,
  RequestIdHeader,
  SECURITY_SCHEMES,
  securityFor,
} from "@/lib/api/openapi-components";
import type { RouteHandler } from "@/lib/api/route";
import type { RouteManifestEntry } from "@/lib/api/route-manifest";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import packageJson from "@/package.json";

export { ErrorBody, securityFor };

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Media types every body-taking route accepts (spec §1.4); all carry the same schema. */
export const BODY_MEDIA_TYPES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"] as const;

type Spec = RouteHandler["spec"];

export function isRouteHandler(value: unknown): value is RouteHandler {
  if (typeof value !== "function" || !("spec" in value)) return false;
  const spec: unknown = value.spec;
  return typeof spec === "object" && spec !== null && "auth" in spec && "summary" in spec;
}

// ---------------------------------------------------------------- schemas

/** The object schema a request schema parses into (through preprocess pipes and lazies), or null. */
function objectOf(schema: z.core.$ZodType, depth = 0): z.ZodObject | null {
  if (depth > 16) return null;
  if (schema instanceof z.ZodObject) return schema;
  if (schema instanceof z.ZodPipe) {
    // z.preprocess(fn, inner) is a pipe out of a transform: what a client sends is shaped like `inner`.
    return schema.in instanceof z.ZodTransform ? objectOf(schema.out, depth + 1) : objectOf(schema.in, depth + 1);
  }
  if (schema instanceof z.ZodLazy) return objectOf(schema.unwrap(), depth + 1);
  return null;
}

function pathParamNames(path: string): string[] {
  return [...path.matchAll(/\{([^}]+)\}/g)].flatMap((m) => (m[1] ? [m[1]] : []));
}

/** `get` + `/v1/apps/{app_id}/api_keys` → `getAppsByAppIdApiKeys`. */
function operationIdOf(method: HttpMethod, path: string): string {
  const words = path
    .replace(/^\/v1(?=\/|$)/, "")
    .split("/")
    .filter(Boolean)
    .flatMap((segment) => {
      const param = /^\{(.+)\}$/.exec(segment)?.[1];
      return param ? ["by", ...param.split(/[^A-Za-z0-9]+/)] : segment.split(/[^A-Za-z0-9]+/);
    })
    .filter(Boolean);
  return method.toLowerCase() + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
}

function metaId(schema: z.core.$ZodType): string | undefined {
  const meta: unknown = z.globalRegistry.get(schema);
  if (meta && typeof meta === "object" && "id" in meta && typeof meta.id === "string") return meta.id;
  return undefined;
}

// ---------------------------------------------------------------- operations

interface Plan {
  path: string;
  method: HttpMethod;
  spec: Spec;
  operationId: string;
}

/** Parts of an operation dropped after zod-openapi refused them (see buildOpenApiDocument). */
interface Degrade {
  response?: boolean;
  body?: boolean;
  params?: boolean;
}

interface BuildState {
  warnings: string[];
}

/**
 * Body schemas get a component id, so the three media types share one `$ref`.
 * (Listing them in `components.schemas` instead would make zod-openapi render
 * them as output too, which fails on transforms.) Cached so every build names
 * a schema the same way.
 */
const namedBodies = new WeakMap<z.core.$ZodType, z.core.$ZodType>();

function bodySchema(plan: Plan, degrade: Degrade): z.core.$ZodType {
  const body = plan.spec.body;
  if (!body || degrade.body) return AnyObject;
  if (metaId(body)) return body;
  let named = namedBodies.get(body);
  if (!named) {
    named = body.meta({ id: `${plan.operationId.replace(/^./, (c) => c.toUpperCase())}Body` });
    namedBodies.set(body, named);
  }
  return named;
}

/** Top-level keys a client must send for `schema` (empty when `{}` is acceptable input). */
export function requiredKeys(schema: z.core.$ZodType): string[] {
  const object = objectOf(schema);
  if (!object) return [];
  return Object.entries(object.shape).flatMap(([key, field]) => (field._zod.optin === undefined ? [key] : []));
}

function operation(plan: Plan, state: BuildState, degrade: Degrade = {}): ZodOpenApiOperationObject {
  const { spec, method, path } = plan;
  const op: ZodOpenApiOperationObject = {
    operationId: plan.operationId,
    summary: spec.summary,
    tags: spec.tags,
    responses: {},
  };
  const auth: string = spec.auth;
  const notes: string[] = [];
  if (auth === "workspaceSecret") notes.push("Needs a **workspace** key (`scwor_…`).");
  const description = [spec.description, ...notes].filter(Boolean).join("\n\n");
  if (description) op.description = description;

  const security = securityFor(auth);
  if (security === null) {
    state.warnings.push(`${method} ${path}: auth kind "${auth}" has no security scheme in lib/api/openapi-components.ts`);
  }
  else if (security.length) op.security = security;

  // Path: every `{name}` of the template, typed by `params` where declared (Next.js supplies strings).
  const names = pathParamNames(path);
  if (!degrade.params) {
    const declared = spec.params ? objectOf(spec.params) : null;
    if (spec.params && !declared) {
      state.warnings.push(`${method} ${path}: params schema is not an object; documented as strings`);
    }
    const query = spec.query ? objectOf(spec.query) : null;
    if (spec.query && !query) {
      state.warnings.push(`${method} ${path}: query schema is not an object; query not documented`);
    }
    const pathShape: Record<string, z.core.$ZodType> = {};
    for (const name of names) pathShape[name] = declared?.shape[name] ?? z.string();
    op.requestParams = {
      ...(names.length ? { path: z.object(pathShape) } : {}),
      ...(query ? { query } : {}),
    };
  } else if (names.length) {
    op.requestParams = { path: z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) };
  }

  if (spec.body) {
    op.requestBody = {
      // An empty body is `{}` (spec §1.4); it is "required" when `{}` would not validate.
      required: requiredKeys(spec.body).length > 0,
      content: Object.fromEntries(BODY_MEDIA_TYPES.map((type) => [type, { schema: bodySchema(plan, degrade) }])),
    };
  }

  const successHeaders = z.object({
    "X-Request-Id": RequestIdHeader,
    ...(spec.rateLimits?.length ? RateLimitHeaders : {}),
  });
  const responses: ZodOpenApiResponsesObject = {
    "200": {
      description: "Success.",
      headers: successHeaders,
      content: { "application/json": { schema: degrade.response || !spec.response ? AnyObject : spec.response } },
    },
  };
  const takesInput = method !== "GET" || Boolean(spec.query) || Boolean(spec.body);
  if (takesInput) responses["400"] = ERRORS[400];
  if (auth !== "none") {
    responses["401"] = ERRORS[401];
    responses["403"] = ERRORS[403];
  }
  if (names.length) responses["404"] = ERRORS[404];
  if (method !== "GET") {
    responses["413"] = ERRORS[413];
    responses["415"] = ERRORS[415];
  }
  if (spec.query || spec.body) responses["422"] = ERRORS[422];
  if (spec.rateLimits?.length) responses["429"] = ERRORS[429];
  responses["500"] = ERRORS[500];
  op.responses = responses;
  return op;
}

// ---------------------------------------------------------------- document

export interface BuildOptions {
  serverUrl: string;
}

export interface BuiltDocument {
  document: oas31.OpenAPIObject;
  /** Things documented less precisely than declared (a test keeps this empty). */
  warnings: string[];
}

/** Extra keys are always allowed in responses (spec §1.5): never render them closed. */
function openObjects({ jsonSchema, io }: { jsonSchema: { additionalProperties?: unknown }; io: "input" | "output" }): void {
  if (io === "output" && jsonSchema.additionalProperties === false) delete jsonSchema.additionalProperties;
}

function plansOf(manifest: readonly RouteManifestEntry[], warnings: string[]): Plan[] {
  const plans: Plan[] = [];
  const seen = new Set<string>();
  for (const entry of manifest) {
    for (const method of HTTP_METHODS) {
      const handler = entry.module[method];
      if (handler === undefined) continue;
      if (!isRouteHandler(handler)) {
        warnings.push(`${method} ${entry.path} (${entry.file}) is not wrapped in apiRoute(); it is not documented`);
        continue;
      }
      let operationId = operationIdOf(method, entry.path);
      while (seen.has(operationId)) operationId += "_";
      seen.add(operationId);
      plans.push({ path: entry.path, method, spec: handler.spec, operationId });
    }
  }
  return plans;
}

function assemble(
  plans: readonly Plan[],
  state: BuildState,
  degrades: ReadonlyMap<Plan, Degrade>,
  opts: BuildOptions,
): ZodOpenApiObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const plan of plans) {
    const item = (paths[plan.path] ??= {});
    const m = plan.method.toLowerCase() as Lowercase<HttpMethod>;
    item[m] = operation(plan, state, degrades.get(plan));
  }
  const tags = [...new Set(plans.flatMap((p) => p.spec.tags))].sort().map((name) => ({ name }));
  return {
    openapi: "3.1.0",
    info: { title: "Tessera API", version: packageJson.version, description: API_DESCRIPTION },
    servers: [{ url: opts.serverUrl, description: "This Tessera instance" }],
    tags,
    paths,
    components: { securitySchemes: SECURITY_SCHEMES, schemas: { Error: ErrorBody } },
  };
}

function create(doc: ZodOpenApiObject): oas31.OpenAPIObject {
  return createDocument(doc, { override: openObjects });
}

/**
 * Build the document for `manifest`. zod-openapi refuses a few schema shapes
 * (e.g. a transform inside a response); one bad route must not take the whole
 * document down, so on failure each operation is tried alone and the parts
 * it refuses are documented generically, with a warning.
 */
export function buildOpenApiDocument(manifest: readonly RouteManifestEntry[], opts: BuildOptions): BuiltDocument {
  const warnings: string[] = [];
  const plans = plansOf(manifest, warnings);
  const fresh = (): BuildState => ({ warnings: [] });
  const degrades = new Map<Plan, Degrade>();
  let state = fresh();
  let document: oas31.OpenAPIObject;
  try {
    document = create(assemble(plans, state, degrades, opts));
  } catch (error) {
    const steps: Degrade[] = [
      { response: true },
      { response: true, body: true },
      { response: true, body: true, params: true },
    ];
    for (const plan of plans) {
      const tryWith = (d: Degrade): string | null => {
        try {
          create(assemble([plan], fresh(), new Map([[plan, d]]), opts));
          return null;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      };
      const problem = tryWith({});
      if (problem === null) continue;
      const step = steps.find((d) => tryWith(d) === null) ?? steps[steps.length - 1];
      degrades.set(plan, step ?? {});
      const dropped = Object.keys(step ?? {}).join(", ");
      warnings.push(`${plan.method} ${plan.path}: documented without its ${dropped} schema (${problem})`);
    }
    if (degrades.size === 0) throw error;
    state = fresh();
    document = create(assemble(plans, state, degrades, opts));
  }
  for (const item of Object.values(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const op: oas31.OperationObject | undefined = item[method.toLowerCase() as Lowercase<HttpMethod>];
      if (!op?.parameters) continue;
      // OpenAPI: a path parameter is always required.
      for (const p of op.parameters) if ("in" in p && p.in === "path") p.required = true;
      if (op.parameters.length === 0) delete op.parameters;
    }
  }
  return { document, warnings: [...warnings, ...state.warnings] };
}

let cached: Promise<{ document: oas31.OpenAPIObject; json: string }> | undefined;

function load(): Promise<{ document: oas31.OpenAPIObject; json: string }> {
  cached ??= (async () => {
    // Imported lazily: the manifest imports every route module, this one's included.
    const { routeManifest } = await import("@/lib/api/route-manifest");
    const { document, warnings } = buildOpenApiDocument(routeManifest, { serverUrl: getEnv().baseUrl });
    for (const warning of warnings) log.warn(`openapi: ${warning}`);
    return { document, json: JSON.stringify(document) };
  })().catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

/** The instance's OpenAPI document (built once per process). */
export async function getOpenApiDocument(): Promise<oas31.OpenAPIObject> {
  return (await load()).document;
}

/** The same document, serialised once. */
export async function getOpenApiJson(): Promise<string> {
  return (await load()).json;
}
