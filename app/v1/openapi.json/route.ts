import { z } from "zod";
import { getOpenApiJson } from "@/lib/api/openapi";
import { preflight } from "@/lib/api/cors";
import { apiRoute } from "@/lib/api/route";

export const GET = apiRoute(
  {
    auth: "none",
    summary: "OpenAPI document",
    description:
      "This document: every /v1 route, generated from the zod schemas that validate its requests. " +
      "Browsable at `/docs`.",
    tags: ["Meta"],
    response: z.looseObject({ openapi: z.string(), info: z.looseObject({}), paths: z.looseObject({}) }),
    headers: { "Cache-Control": "public, max-age=300" },
  },
  // The document is built once per process and served as the same string.
  async () =>
    new Response(await getOpenApiJson(), {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
      },
    }),
);

export const OPTIONS = preflight;
