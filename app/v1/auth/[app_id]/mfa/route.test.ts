import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { mfaBackupCodes, mfaEnrollments, sessions } from "@/db/schema";
import { randomBase62 } from "@/lib/ids";
import { totpCodeAt } from "@/lib/mfa/totp";
import { createTenant, expectError, expectStatus, type Tenant } from "@/test/harness";
import { latestMessage, setApp } from "../magic_links/test-fixtures";
import {
  backupCodesCall,
  createChallengeCall,
  enrollCall,
  enrollTotp,
  enrollVerifyCall,
  eventsOf,
  methodsCall,
  mfaStatusCall,
  removeMethodCall,
  signedInUser,
  verifyChallengeCall,
} from "./test-fixtures";

let t: Tenant;
beforeAll(async () => {
  t = await createTenant();
  t.app = await setApp(t.app, { mfaPolicy: "optional", mfaReverifyMinutes: 15 });
});
const newEmail = () => `e-${randomBase62(10).toLowerCase()}@example.com`;
const age = async (sessionId: string, minutes: number) =>
  (await getDb()).update(sessions).set({ createdAt: new Date(Date.now() - minutes * 60_000) }).where(eq(sessions.id, sessionId));

describe("MFA enrollment (spec §14.8)", () => {
  it("enrolls TOTP: secret and otpauth URI once, sealed at rest, verified by a code", async () => {
    const { access, user } = await signedInUser(t.app, newEmail());
    const res = await enrollCall(t.app, access, { method: "totp", name: "Phone" });
    expectStatus(res, 200);
    expect(res.body.enrollment).toMatchObject({ method: "totp", name: "Phone", verified: false });
    expect(res.body.secret).toMatch(/^[A-Z2-7]+$/);
    expect(res.body.provisioning_uri).toMatch(/^otpauth:\/\/totp\//);
    const [row] = await (await getDb()).select().from(mfaEnrollments).where(eq(mfaEnrollments.id, res.body.enrollment.id));
    expect(row?.secretEncrypted).not.toContain(res.body.secret);

    expectError(await enrollVerifyCall(t.app, access, { enrollment_id: res.body.enrollment.id, code: "abc" }), 422, "invalid_code");
    const ok = await enrollVerifyCall(t.app, access, { enrollment_id: res.body.enrollment.id, code: totpCodeAt(res.body.secret, new Date()) });
    expectStatus(ok, 200);
    expect(ok.body.enrollment.verified).toBe(true);
    expect((await eventsOf(t.app, "mfa.enrolled")).some((e) => e.appUserId === user.id)).toBe(true);

    const list = await methodsCall(t.app, access);
    expectStatus(list, 200);
    expect(list.body).toMatchObject({ mfa_enabled: true, backup_codes_available: 0, methods: [{ method: "totp", verified: true }] });
    const status = await mfaStatusCall(t.app, access);
    expect(status.body).toMatchObject({ mfa_enabled: true, policy: "optional" });
    expect(JSON.stringify(list.body)).not.toContain(res.body.secret);
  });

  it("enrolls an email factor with the code sent to it", async () => {
    const email = newEmail();
    const { access } = await signedInUser(t.app, email);
    const res = await enrollCall(t.app, access, { method: "email_otp" });
    expectStatus(res, 200);
    expect(res.body.challenge).toMatchObject({ purpose: "verify_contact", method: "email_otp" });
    const code = String((await latestMessage(t.app, email)).code);
    const ok = await enrollVerifyCall(t.app, access, { enrollment_id: res.body.enrollment.id, code });
    expectStatus(ok, 200);
    expect(ok.body.enrollment).toMatchObject({ verified: true, identifier: email });
  });

  it("regenerates backup codes, invalidating the old ones", async () => {
    const { access, user } = await signedInUser(t.app, newEmail());
    const first = await backupCodesCall(t.app, access);
    const second = await backupCodesCall(t.app, access);
    expectStatus(second, 200);
    expect(second.body.backup_codes).toHaveLength(10);
    expect(second.body.backup_codes).not.toEqual(first.body.backup_codes);
    const rows = await (await getDb()).select().from(mfaBackupCodes).where(eq(mfaBackupCodes.appUserId, user.id));
    expect(rows).toHaveLength(10);
    for (const c of second.body.backup_codes) expect(JSON.stringify(rows)).not.toContain(c);
  });

  it("removes a method: 204 for a fresh session; an old one needs a completed step-up", async () => {
    const email = newEmail();
    const { access, sessionId, user } = await signedInUser(t.app, email);
    const { enrollmentId } = await enrollTotp(t.app, access);
    await age(sessionId, 20);
    expectError(await removeMethodCall(t.app, access, enrollmentId), 422, "reverification_required");
    expectError(await backupCodesCall(t.app, access), 422, "reverification_required");

    const stepUp = await createChallengeCall(t.app, { purpose: "step_up", method: "email_otp", app_user_id: user.id }, { secret: t.appKey });
    const token = String(stepUp.body.challenge.token);
    expectError(await removeMethodCall(t.app, access, enrollmentId, { challenge: token }), 422, "reverification_required");
    expectStatus(await verifyChallengeCall(t.app, token, { code: String((await latestMessage(t.app, email)).code) }), 200);
    const gone = await removeMethodCall(t.app, access, enrollmentId, { challenge: token });
    expectStatus(gone, 204);
    expect(gone.text).toBe("");
    expect((await eventsOf(t.app, "mfa.removed")).some((e) => e.appUserId === user.id)).toBe(true);

    const fresh = await signedInUser(t.app, newEmail());
    const e2 = await enrollTotp(t.app, fresh.access);
    expectError(await removeMethodCall(t.app, access, e2.enrollmentId, { challenge: token }), 404, "mfa_method_not_found");
    expectStatus(await removeMethodCall(t.app, fresh.access, e2.enrollmentId), 204);
    expectError(await removeMethodCall(t.app, fresh.access, e2.enrollmentId), 404, "mfa_method_not_found");
  });

  it("requires a user token", async () => {
    expect((await methodsCall(t.app, "")).status).toBe(401);
    expectError(await enrollCall(t.app, "not.a.jwt", { method: "totp" }), 401, "invalid_token");
    const otherTenant = await createTenant();
    const { access } = await signedInUser(otherTenant.app, newEmail());
    const res = await methodsCall(t.app, access);
    expect(res.status).toBe(401);
  });
});
