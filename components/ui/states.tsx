import type { ReactNode } from "react";

/** What a list shows when it has nothing yet, with the next step to take. */
export function EmptyState({ title, body, action }: { title: string; body: string; action?: ReactNode }) {
  return (
    <div className="rounded-xl border border-dashed border-slate-300 bg-white px-6 py-10 text-center">
      <h2 className="text-base font-semibold text-slate-900">{title}</h2>
      <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">{body}</p>
      {action ? <div className="mt-4 flex justify-center">{action}</div> : null}
    </div>
  );
}

/** Placeholder blocks shown while a page streams in. */
export function Skeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div role="status" aria-label="Loading" className="animate-pulse space-y-3">
      <div className="h-7 w-48 rounded bg-slate-200" />
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="h-14 rounded-xl bg-slate-100" />
      ))}
      <span className="sr-only">Loading…</span>
    </div>
  );
}

/** A titled white panel grouping related settings. */
export function Card({ title, description, children, tone = "default", id }: { title: string; description?: string; children: ReactNode; tone?: "default" | "danger"; id?: string }) {
  return (
    <section
      id={id}
      aria-labelledby={id ? `${id}-title` : undefined}
      className={`rounded-xl border bg-white p-5 sm:p-6 ${tone === "danger" ? "border-red-200" : "border-slate-200"}`}
    >
      <h2 id={id ? `${id}-title` : undefined} className={`text-base font-semibold ${tone === "danger" ? "text-red-800" : "text-slate-900"}`}>
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      <div className="mt-4">{children}</div>
    </section>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: string; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
        {description ? <p className="mt-1 text-sm text-slate-600">{description}</p> : null}
      </div>
      {actions ? <div className="flex gap-2">{actions}</div> : null}
    </div>
  );
}
