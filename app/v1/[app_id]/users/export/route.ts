import { z } from "zod";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { exportUsers } from "@/lib/users/export-users";
import { ExportUsersQuery } from "@/lib/users/import-schemas";
import { UsersParams } from "@/lib/users/schemas";

export const GET = apiRoute(
  {
    auth: "secret",
    summary: "Export an app's users",
    description:
      "Streams every user, oldest first, as CSV (default; header row, one column per meta field, `passkey_count`) or JSON " +
      "(`format=json`: `{ users: [...] }` with `user_meta`). CSV cells starting with `=`, `+`, `-`, `@`, tab or CR are " +
      "prefixed with `'`. The file imports back through `POST /v1/{app_id}/users/import`.",
    tags: ["Users"],
    params: UsersParams,
    query: ExportUsersQuery,
    response: z.string().describe("CSV text, or a JSON object `{ users: [...] }`"),
  },
  async ({ ctx, params, query }) => {
    const file = await exportUsers({ ctx, input: { appId: params.app_id, format: query.format } });
    return new Response(file.body, {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.filename}"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  },
);

export const OPTIONS = preflight;
