import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";
import { deleteApp } from "@/lib/apps/delete-app";
import { getPublicApp } from "@/lib/apps/get-public-app";
import { AppParams, AppResponse, OkResponse, PublicApp, UpdateAppBody } from "@/lib/apps/schemas";
import { updateApp } from "@/lib/apps/update-app";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "Public app configuration",
    description: "Called by every SDK client on construction; cached for 60 s. Ignores any Authorization header.",
    tags: ["Apps"],
    params: AppParams,
    response: PublicApp,
    headers: { "Cache-Control": "private, max-age=60" },
  },
  async ({ params }) => getPublicApp(params.app_id),
);

const updateRoute = (summary: string) =>
  apiRoute(
    {
      auth: "secret",
      summary,
      description:
        "Any AppAdmin setting, flat, wrapped in `app`, or form-encoded; all optional. `callback_url` and `login_url` " +
        "must stay on `origin` or `additional_origins`. New lifetimes apply to tokens issued afterwards. " +
        "The response is wrapped in `app`, unlike the public GET.",
      tags: ["Apps"],
      params: AppParams,
      body: UpdateAppBody,
      response: AppResponse,
    },
    async ({ ctx, params, body }) => ({ app: await updateApp({ ctx, input: { appId: params.app_id, settings: body } }) }),
  );

export const PATCH = updateRoute("Update an app");
export const PUT = updateRoute("Update an app (same as PATCH)");

export const DELETE = apiRoute(
  {
    auth: "secret",
    summary: "Delete an app",
    description: "Soft delete. Every API key and user session of the app is revoked in the same transaction.",
    tags: ["Apps"],
    params: AppParams,
    response: OkResponse,
  },
  async ({ ctx, params }) => {
    await deleteApp({ ctx, input: { appId: params.app_id } });
    return { message: "ok" };
  },
);

export const OPTIONS = preflight;
