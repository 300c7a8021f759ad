/**
 * The recipient's hosted pages (spec §15.12) as plain HTML strings: every
 * dynamic value goes through `esc` (text and attributes), the only style is
 * inline CSS, and there is no script. Responses refuse framing and caching
 * and send no referrer (the URL carries the link token: threats T3).
 */
import type { AppBranding } from "@/lib/child-workspaces/branding-for-app";
import { parseHttpUrl } from "@/lib/urls";

export const PAGE_HEADERS: Record<string, string> = {
  "Content-Type": "text/html; charset=utf-8",
  "Content-Security-Policy":
    "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);
}

const HEX = /^#[0-9a-fA-F]{6}$|^#[0-9a-fA-F]{3}$/;

export interface PageBrand {
  name: string;
  color: string;
  logoUrl: string | null;
}

export function pageBrand(b: AppBranding): PageBrand {
  const logo = b.logoUrl ? parseHttpUrl(b.logoUrl, { httpsOnly: true }) : null;
  return { name: b.name, color: b.color && HEX.test(b.color) ? b.color : "#4f46e5", logoUrl: logo ? logo.toString() : null };
}

export type PageView =
  | {
      kind: "form";
      intent: string;
      context: { label: string; value: string }[];
      recipientName: string | null;
      consent: boolean;
      otp: boolean;
      error: string | null;
    }
  | { kind: "done"; title: string; message: string; redirect: string | null; delaySeconds: number }
  | { kind: "info"; title: string; message: string };

function shell(brand: PageBrand, title: string, body: string, head = ""): string {
  const header = brand.logoUrl
    ? `<img src="${esc(brand.logoUrl)}" alt="${esc(brand.name)}" height="40">`
    : `<div class="brand">${esc(brand.name)}</div>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(title)} · ${esc(brand.name)}</title>${head}
<style>
body{margin:0;background:#f4f4f5;font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#111827}
main{max-width:440px;margin:40px auto;background:#fff;border-radius:10px;padding:28px;border-top:4px solid ${brand.color};box-shadow:0 1px 3px rgba(0,0,0,.08)}
.brand{font-weight:600;font-size:18px;color:${brand.color}}h1{font-size:22px;margin:16px 0}
dl{background:#f9fafb;border-radius:6px;padding:8px 16px;margin:16px 0}dt{font-size:12px;color:#6b7280;margin-top:8px}dd{margin:0 0 4px;font-size:15px}
label{display:block;font-size:14px;margin:12px 0 6px}input{font-size:22px;letter-spacing:4px;padding:10px;width:100%;box-sizing:border-box;border:1px solid #d1d5db;border-radius:6px}
input:focus,button:focus{outline:3px solid ${brand.color};outline-offset:2px}
.row{display:flex;gap:12px;margin-top:20px}button{flex:1;font-size:16px;padding:12px;border-radius:6px;border:1px solid ${brand.color};cursor:pointer}
.primary{background:${brand.color};color:#fff}.secondary{background:#fff;color:#111827;border-color:#d1d5db}
.error{color:#b91c1c;font-size:14px}p{line-height:1.5}a{color:${brand.color}}
</style></head><body><main>${header}${body}</main></body></html>`;
}

export function renderPage(brand: PageBrand, view: PageView): string {
  if (view.kind === "info") return shell(brand, view.title, `<h1>${esc(view.title)}</h1><p>${esc(view.message)}</p>`);
  if (view.kind === "done") {
    const target = view.redirect;
    const head = target ? `<meta http-equiv="refresh" content="${view.delaySeconds};url=${esc(target)}">` : "";
    const follow = target
      ? `<p>Redirecting in ${view.delaySeconds} seconds… <a id="continue" href="${esc(target)}">Continue</a></p>`
      : `<p>You can close this window.</p>`;
    return shell(brand, view.title, `<h1>${esc(view.title)}</h1><p id="message">${esc(view.message)}</p>${follow}`, head);
  }
  const context = view.context.length
    ? `<dl>${view.context.map((c) => `<dt>${esc(c.label)}</dt><dd>${esc(c.value)}</dd>`).join("")}</dl>`
    : "";
  const greet = view.recipientName ? `<p>Hi ${esc(view.recipientName)},</p>` : "";
  const ask = view.consent ? `${esc(brand.name)} asks you to approve or deny this request.` : `${esc(brand.name)} asks you to confirm it's you.`;
  const error = view.error ? `<p class="error" role="alert">${esc(view.error)}</p>` : "";
  const code = view.otp
    ? `<label for="code">Enter the code we sent you</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="12" ${view.consent ? "" : "required"} autofocus>`
    : "";
  const buttons = view.consent
    ? `<div class="row"><button class="primary" type="submit" name="decision" value="approve">Approve</button><button class="secondary" type="submit" name="decision" value="deny" formnovalidate>Deny</button></div>`
    : `<div class="row"><button class="primary" type="submit" name="decision" value="confirm">${view.otp ? "Verify" : "Confirm"}</button></div>`;
  return shell(
    brand,
    view.intent,
    `<h1 id="intent">${esc(view.intent)}</h1>${greet}<p>${ask}</p>${context}${error}<form method="post">${code}${buttons}</form>`,
  );
}

export function htmlResponse(html: string, status = 200): Response {
  return new Response(html, { status, headers: PAGE_HEADERS });
}
