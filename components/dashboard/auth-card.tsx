import type { ReactNode } from "react";

/** The centred card of the dashboard's signed-out pages (sign-in, callback, setup). */
export function AuthCard({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center bg-slate-50 px-4 py-12 sm:items-center">
      <div className="w-full max-w-md rounded-2xl border border-slate-200 bg-white p-6 shadow-sm sm:p-8">
        <p className="mb-6 flex items-center gap-2 text-sm font-semibold tracking-tight text-slate-900">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-lg bg-indigo-600 text-xs text-white">
            T
          </span>
          Tessera
        </p>
        <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
        {description ? <p className="mt-2 text-sm text-slate-600">{description}</p> : null}
        <div className="mt-6 space-y-4">{children}</div>
      </div>
    </main>
  );
}
