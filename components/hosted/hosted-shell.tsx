import type { ReactNode } from "react";
import type { Branding } from "@/lib/hosted/branding";

/** The frame of every hosted page: the app's logo and name over a phone-sized card. */
export function HostedShell({
  branding,
  logoAlt,
  lang,
  children,
}: {
  branding: Branding | null;
  logoAlt?: string;
  lang: string;
  children: ReactNode;
}) {
  return (
    <main lang={lang} className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-10 sm:items-center">
      <div
        className="w-full max-w-sm rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8"
        style={{ borderTop: `4px solid ${branding?.color ?? "#4f46e5"}` }}
      >
        {branding ? (
          <div className="mb-6 flex items-center gap-3">
            {branding.logo ? (
              // eslint-disable-next-line @next/next/no-img-element -- app logos live on arbitrary origins.
              <img src={branding.logo} alt={logoAlt ?? ""} className="h-10 w-10 rounded-lg object-contain" referrerPolicy="no-referrer" />
            ) : null}
            <span className="text-lg font-semibold text-slate-900">{branding.name}</span>
          </div>
        ) : null}
        {children}
      </div>
    </main>
  );
}

export function HostedMessage({ title, body, children }: { title: string; body: string; children?: ReactNode }) {
  return (
    <section>
      <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-sm text-slate-600">{body}</p>
      {children}
    </section>
  );
}

/** A link styled as the primary button, in the app's colour. */
export function HostedButtonLink({ href, color, children }: { href: string; color: string; children: ReactNode }) {
  return (
    <a
      href={href}
      className="mt-6 inline-flex w-full items-center justify-center rounded-lg px-4 py-2.5 text-sm font-medium text-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-slate-900"
      style={{ backgroundColor: color }}
    >
      {children}
    </a>
  );
}
