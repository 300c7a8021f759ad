/**
 * The app setting `webauthn_rp_id` (spec §9 shared rules: "hostname of the
 * app origin (or a configured parent domain)"). A browser only runs a
 * ceremony when the RP ID is the page's host or a registrable parent of it,
 * so the setting must be a suffix, on a label boundary, of the host of the
 * app's origin and of every additional origin, and never a public suffix.
 *
 * No maintained public-suffix library is installed, so public suffixes are
 * refused by two rules: a single-label id (`com`, `uk`) is refused unless it
 * is itself every origin's host (`localhost`), and a short built-in list
 * refuses the most common multi-label public suffixes (`co.uk`, `github.io`…).
 * A rarer public suffix that slips through fails in the browser at the first
 * ceremony (browsers check the full list), never weakens verification: the
 * server still accepts only the app's exact origins.
 *
 * No imports: the app settings schema (and the dashboard forms) bundle this.
 */

/** Common multi-label public suffixes (ICANN second levels and shared hosting domains). */
const PUBLIC_SUFFIXES: ReadonlySet<string> = new Set([
  // ICANN second-level registries
  ...["ac", "co", "gov", "ltd", "me", "net", "nhs", "org", "plc", "sch"].map((l) => `${l}.uk`),
  ...["com", "net", "org", "edu", "gov", "asn", "id"].map((l) => `${l}.au`),
  ...["co", "org", "net", "ac", "govt", "geek", "school"].map((l) => `${l}.nz`),
  ...["co", "ne", "or", "ac", "go", "ad", "ed", "gr", "lg"].map((l) => `${l}.jp`),
  ...["co", "or", "ne", "ac", "go", "re"].map((l) => `${l}.kr`),
  ...["com", "net", "org", "gov", "edu"].flatMap((l) =>
    ["br", "cn", "mx", "ar", "tr", "tw", "hk", "sg", "my", "ph", "vn", "pl", "ua", "eg", "sa", "pk", "ng", "co", "pe", "uy"].map(
      (cc) => `${l}.${cc}`,
    ),
  ),
  ...["co", "net", "org", "firm", "gen", "ind", "ac", "edu", "gov"].map((l) => `${l}.in`),
  ...["co", "org", "net", "ac", "gov", "web"].map((l) => `${l}.za`),
  ...["co", "or", "ac", "go", "in"].map((l) => `${l}.th`),
  "co.id",
  "or.id",
  "ac.id",
  "co.il",
  "org.il",
  "ac.il",
  "co.ke",
  "or.ke",
  "gv.at",
  "co.at",
  "or.at",
  "qc.ca",
  "on.ca",
  "bc.ca",
  // Shared hosting (the private section of the list, which browsers honour too)
  "github.io",
  "gitlab.io",
  "herokuapp.com",
  "vercel.app",
  "netlify.app",
  "pages.dev",
  "workers.dev",
  "web.app",
  "firebaseapp.com",
  "appspot.com",
  "azurewebsites.net",
  "azurestaticapps.net",
  "cloudfront.net",
  "amazonaws.com",
  "blogspot.com",
  "fly.dev",
  "onrender.com",
  "railway.app",
  "ngrok.io",
  "ngrok-free.app",
  "ngrok.app",
  "glitch.me",
  "repl.co",
  "replit.dev",
  "deno.dev",
  "surge.sh",
]);

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Check the form of an RP ID: a lowercase DNS name of LDH labels (IDNs in
 * their `xn--` form), at most 253 characters, not an IP address, not a
 * public suffix. Returns the problem, or null when it is well formed.
 */
export function rpIdFormProblem(rpId: string): string | null {
  if (rpId.length > 253) return "must be a domain name of at most 253 characters";
  const labels = rpId.split(".");
  if (!labels.every((l) => LABEL.test(l))) {
    return "must be a domain name like example.com (lowercase letters, digits, dashes; IDNs in xn-- form), without scheme, port or path";
  }
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return "must be a domain name, not an IP address";
  if (labels.length === 1 && rpId !== "localhost") return "must not be a top-level domain or other public suffix";
  if (PUBLIC_SUFFIXES.has(rpId)) return "must not be a public suffix (a domain where anyone can register names)";
  return null;
}

/** Whether `host` is `rpId` or a subdomain of it (label boundary: `ample.com` is no parent of `example.com`). */
export function hostWithinRpId(host: string, rpId: string): boolean {
  return host === rpId || host.endsWith(`.${rpId}`);
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).hostname;
  } catch {
    return null;
  }
}

/**
 * Check that `rpId` fits the app's origins: the host of `origin` and of every
 * additional origin must be `rpId` or a subdomain of it. Returns the problem
 * (naming the first origin that does not fit), or null.
 */
export function rpIdOriginsProblem(rpId: string, origins: readonly string[]): string | null {
  for (const origin of origins) {
    const host = hostOf(origin);
    if (host === null || !hostWithinRpId(host, rpId)) {
      return `must be the host of every app origin or a parent domain of it; ${origin} is not within ${rpId}`;
    }
  }
  return null;
}
