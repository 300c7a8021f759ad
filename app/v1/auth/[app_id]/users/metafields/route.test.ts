import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { appUsers, userMetaFields } from "@/db/schema";
import { call, createTenant, expectError, type Tenant } from "@/test/harness";
import { loginLink, newEmail, userByEmail } from "../../magic_links/test-fixtures";
import { GET } from "./route";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
});

const state = (userId: string | undefined) =>
  call(GET, "GET", `/v1/auth/${t.app.publicId}/users/metafields`, {
    params: { app_id: t.app.publicId },
    query: userId === undefined ? {} : { user_id: userId },
  });

describe("GET /v1/auth/{app_id}/users/metafields", () => {
  it("is true only while a required field lacks a value; false for unknown users", async () => {
    const email = newEmail();
    await loginLink(t.app, email);
    const user = await userByEmail(t.app, email);
    const id = user?.id ?? "";
    expect((await state(id)).body).toEqual({ meta: false });

    const now = new Date();
    await (await getDb())
      .insert(userMetaFields)
      .values({ id: randomUUID(), appId: t.app.id, name: "Company", fieldName: "company", fieldType: "string", required: true, createdAt: now, updatedAt: now });
    expect((await state(id)).body).toEqual({ meta: true });

    await (await getDb()).update(appUsers).set({ meta: { company: "Acme" } }).where(eq(appUsers.id, id));
    expect((await state(id)).body).toEqual({ meta: false });

    expect((await state(randomUUID())).body).toEqual({ meta: false });
    expect((await state("not-a-uuid")).body).toEqual({ meta: false });
    expectError(await state(undefined), 400, "bad_request");
  });
});
