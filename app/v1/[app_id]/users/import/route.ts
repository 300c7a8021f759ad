import { preflight } from "@/lib/api/cors";
import { apiRoute, type RouteContext, type RouteHandler } from "@/lib/api/route";
import { ImportUsersBody, ImportUsersResponse, MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "@/lib/users/import-schemas";
import { importUsers } from "@/lib/users/import-users";
import { UsersParams } from "@/lib/users/schemas";

/**
 * The import reads its own body (CSV is streamed, up to 10 MB), so apiRoute's
 * body reader must not buffer it: apiRoute gets a body-less copy of the
 * request (credential, CORS and error mapping as for every route), and the
 * verb reads the original body once the credential has been checked.
 */
const originals = new WeakMap<Request, Request>();

const route = apiRoute(
  {
    auth: "secret",
    summary: "Bulk import users",
    description: `CSV (text/csv, or multipart/form-data with \`file\`; header row with an \`email\` column, optional phone, first_name, middle_name, last_name, name, external_id and declared meta field_names) or JSON (\`{ users: [...] }\`, \`{ csv }\`, or a \`.json\` file). At most ${MAX_IMPORT_ROWS} rows and ${MAX_IMPORT_BYTES / (1024 * 1024)} MB (413 \`payload_too_large\` / 422 \`too_many_rows\`, nothing written). Each row is validated alone; bad rows are reported with their line, existing users are skipped. Users are created as \`imported\`; no email is sent.`,
    tags: ["Users"],
    params: UsersParams,
    body: ImportUsersBody,
    response: ImportUsersResponse,
  },
  async ({ ctx, params, request }) => importUsers({ ctx, input: { appId: params.app_id, request: originals.get(request) ?? request } }),
);

async function handle(request: Request, context: RouteContext): Promise<Response> {
  const headers = new Headers(request.headers);
  headers.delete("content-type");
  headers.delete("content-length");
  const bodiless = new Request(request.url, { method: request.method, headers });
  originals.set(bodiless, request);
  return route(bodiless, context);
}

export const POST: RouteHandler = Object.assign(handle, { spec: route.spec });

export const OPTIONS = preflight;
