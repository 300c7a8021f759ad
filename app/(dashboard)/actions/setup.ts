"use server";

import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { z } from "zod";
import { zText } from "@/lib/api/fields";
import type { Ctx } from "@/lib/context";
import { claimOwnershipWithBootstrapKey } from "@/lib/dashboard/member-session";
import { type FormState, formValues, runForm, successState, validationState } from "@/lib/dashboard-ui/action-state";
import { setupAvailable } from "@/lib/dashboard-ui/setup";
import { AppError } from "@/lib/errors";

const SetupBody = z.object({
  api_key: z.string().trim().min(1, "Paste the workspace key from bootstrap.json").max(512),
  email: z.email("Enter a valid email address").max(320),
  name: z.preprocess((v) => (v === "" ? undefined : v), zText(256).optional()),
});

/**
 * First run without TESSERA_ADMIN_EMAIL: whoever holds the bootstrap
 * workspace key names the owner's email. The key is checked by the verb
 * (hash lookup, constant time) and never echoed back.
 */
export async function claimOwnerAction(_prev: FormState, formData: FormData): Promise<FormState> {
  const { raw, echo } = formValues(formData);
  const safeEcho = { email: echo.email ?? "", name: echo.name ?? "" };
  const parsed = SetupBody.safeParse(raw);
  if (!parsed.success) return validationState(parsed.error, safeEcho);
  return runForm(safeEcho, async () => {
    if (!(await setupAvailable())) throw new AppError({ code: "conflict", message: "This instance already has an owner. Sign in instead." });
    const incoming = await headers();
    const ctx: Ctx = {
      requestId: randomUUID(),
      now: new Date(),
      ip: null,
      userAgent: incoming.get("user-agent"),
      actor: { type: "anonymous" },
    };
    await claimOwnershipWithBootstrapKey({ ctx, input: { apiKey: parsed.data.api_key, email: parsed.data.email, name: parsed.data.name } });
    return successState(`${parsed.data.email} is now the owner. Sign in with that email to continue.`);
  });
}
