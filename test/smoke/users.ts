/**
 * Issue 5's "done when" for users, over HTTP against the running server:
 * a 1,000-row CSV with 10 broken rows imports 990 users and reports 10
 * precise errors; fuzzy search finds a user from a misspelt name;
 * deactivating a user makes their live access token answer 401; an export
 * imports into another app (formula cells neutralised on the way out).
 */
import type { Smoke } from "./types";

const BROKEN = new Map<number, string>([
  [17, "not-an-email"],
  [101, "@example.com"],
  [233, "bob@"],
  [350, "a b@example.com"],
]);
const BAD_PHONE = new Set([402, 555, 707]);
const NO_EMAIL = new Set([808, 909, 999]);

function csvRows(): string {
  const lines = ["email,first_name,last_name,phone,department"];
  for (let i = 1; i <= 1000; i++) {
    let email = BROKEN.get(i) ?? (NO_EMAIL.has(i) ? "" : `import-${i}@example.com`);
    let [first, last] = [`First${i}`, `Last${i}`];
    if (i === 500) [first, last] = ["Bartholomew", "Featherstonehaugh"];
    if (i === 600) first = "=HYPERLINK(\"http://evil.test\",\"x\")";
    const phone = BAD_PHONE.has(i) ? "12" : i % 3 === 0 ? `+1415555${String(1000 + i).slice(-4)}` : "";
    if (i === 600) email = "formula@example.com";
    lines.push([email, `"${first.replaceAll('"', '""')}"`, last, phone, i % 2 ? "Sales" : "R&D"].join(","));
  }
  return `${lines.join("\n")}\n`;
}

async function newApp(s: Smoke, name: string): Promise<string> {
  const res = await s.req("POST", "/v1/apps", { key: s.key, body: JSON.stringify({ name, origin: "http://localhost:5173" }) });
  const id = res.json?.app?.id;
  s.check(`create app ${name}`, res.status === 200 && typeof id === "string", res.text);
  const field = await s.req("POST", `/v1/apps/${id}/user_meta_fields`, {
    key: s.key,
    body: JSON.stringify({ name: "Department", field_name: "department", field_type: "string" }),
  });
  s.check(`declare the department meta field on ${name}`, field.status === 200, field.text);
  return id;
}

async function importCsv(s: Smoke, app: string, csv: string) {
  const form = new FormData();
  form.set("file", new Blob([csv], { type: "text/csv" }), "users.csv");
  return s.req("POST", `/v1/${app}/users/import`, { key: s.key, body: form });
}

export default async function users(s: Smoke): Promise<void> {
  const app = await newApp(s, "Import source");
  const imported = await importCsv(s, app, csvRows());
  const errors: { line?: number; email?: string; error?: string }[] = imported.json?.errors ?? [];
  s.check(
    "import 1,000 CSV rows with 10 broken → 990 imported, 10 errors",
    imported.status === 200 && imported.json?.imported_count === 990 && errors.length === 10,
    imported.text.slice(0, 500),
  );
  const expectedLines = [...BROKEN.keys(), ...BAD_PHONE, ...NO_EMAIL].map((i) => i + 1).sort((a, b) => a - b);
  s.check(
    "…each error names its CSV line and a reason",
    JSON.stringify(errors.map((e) => e.line).sort((a, b) => (a ?? 0) - (b ?? 0))) === JSON.stringify(expectedLines) &&
      errors.every((e) => typeof e.error === "string" && e.error.length > 0),
    JSON.stringify(errors),
  );

  const found = await s.req("GET", `/v1/${app}/users?search=${encodeURIComponent("Bartolomew Fetherstonhaugh")}`, { key: s.key });
  s.check(
    "fuzzy search finds a user from a misspelt name, first",
    found.status === 200 && found.json?.users?.[0]?.email === "import-500@example.com",
    found.text.slice(0, 300),
  );

  // A live session for one imported user: email code through the dev outbox.
  await s.req("PATCH", `/v1/apps/${app}`, { key: s.key, body: JSON.stringify({ email_auth_type: "otp" }) });
  const sent = await s.req("POST", `/v1/auth/${app}/otps/login`, { body: JSON.stringify({ identifier: "import-2@example.com" }) });
  const outbox = await s.req("GET", `/v1/apps/${app}/outbox`, { key: s.key });
  const code = (outbox.json?.messages ?? []).find((m: any) => m.to === "import-2@example.com")?.code;
  const tokens = await s.req("POST", `/v1/auth/${app}/otps/verify`, { body: JSON.stringify({ otp: code, user_id: sent.json?.user_id }) });
  const access = tokens.json?.access ?? "";
  const me = await s.req("GET", `/v1/auth/${app}/current_user`, { headers: { "x-authorization": access } });
  s.check("an imported user signs in with an email code", tokens.status === 200 && me.status === 200, `${tokens.text} ${me.text}`);
  const userId = me.json?.user?.id;
  const off = await s.req("POST", `/v1/${app}/users/${userId}/deactivate`, { key: s.key });
  const after = await s.req("GET", `/v1/auth/${app}/current_user`, { headers: { "x-authorization": access } });
  s.check(
    "deactivating the user makes their live access token answer 401",
    off.status === 200 && off.json?.user?.status === "inactive" && after.status === 401,
    `${off.status} ${after.text}`,
  );

  const exported = await s.req("GET", `/v1/${app}/users/export?format=csv`, { key: s.key });
  s.check(
    "export streams CSV with meta fields, neutralising formula cells",
    exported.status === 200 &&
      (exported.headers.get("content-type") ?? "").includes("text/csv") &&
      (exported.text.split("\n")[0] ?? "").includes("department") &&
      exported.text.includes("'=HYPERLINK") &&
      !/(^|,)"?=HYPERLINK/m.test(exported.text),
    exported.text.slice(0, 300),
  );
  const target = await newApp(s, "Import target");
  const again = await importCsv(s, target, exported.text);
  s.check(
    "the export imports into another app: every user, no errors",
    again.status === 200 && again.json?.imported_count === 990 && (again.json?.errors ?? []).length === 0,
    again.text.slice(0, 500),
  );
  const copy = await s.req("GET", `/v1/${target}/users?email=import-500@example.com`, { key: s.key });
  const u = copy.json?.users?.[0];
  s.check(
    "…with names and meta intact",
    u?.name === "Bartholomew Featherstonehaugh" && (u?.user_meta?.department ?? u?.meta?.department) === "R&D",
    copy.text.slice(0, 400),
  );
}
