import type { AppRow } from "@/lib/apps/find-app";
import type { Translator } from "@/lib/i18n/translate";
import { listPublicOAuthProviders } from "@/lib/oauth/list-public-providers";

/** The authorize URL of a provider for a flow started here (spec §6.4; `hosted=1` brings failures back to this page). */
function authorizeHref(app: Pick<AppRow, "publicId">, provider: string): string {
  const query = new URLSearchParams({ provider, hosted: "1" });
  return `/v1/auth/${encodeURIComponent(app.publicId)}/oauth/authorize?${query.toString()}`;
}

/**
 * Sign-in buttons for the app's enabled OAuth / OpenID Connect providers
 * (spec §6), shown on the hosted sign-in page. Each is a plain link (a
 * top-level navigation, as the SDK's signInWithOAuthProvider does). Renders
 * nothing while the app has none.
 */
export async function OAuthButtons({ app, t, color }: { app: AppRow; t: Translator; color: string }) {
  const providers = await listPublicOAuthProviders(app.id);
  if (providers.length === 0) return null;
  return (
    <div className="mt-6">
      <div className="flex items-center gap-3 text-xs uppercase tracking-wide text-slate-500" aria-hidden="true">
        <span className="h-px flex-1 bg-slate-200" />
        {t("hosted.oauth.divider")}
        <span className="h-px flex-1 bg-slate-200" />
      </div>
      <ul className="mt-4 space-y-3" aria-label={t("hosted.oauth.list_label")}>
        {providers.map((p) => (
          <li key={p.provider}>
            <a
              href={authorizeHref(app, p.provider)}
              className="flex w-full items-center justify-center gap-3 rounded-lg border border-slate-300 bg-white px-4 py-2.5 text-sm font-medium text-slate-900 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2"
              style={{ outlineColor: color }}
            >
              <span
                aria-hidden="true"
                className="inline-flex h-5 w-5 items-center justify-center rounded text-xs font-semibold text-white"
                style={{ backgroundColor: p.color }}
              >
                {p.name.slice(0, 1).toUpperCase()}
              </span>
              {t("hosted.oauth.continue_with", { provider: p.name })}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
