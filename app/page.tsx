import { getEnv } from "@/lib/env";

export const dynamic = "force-dynamic";

export default function Home() {
  const { baseUrl } = getEnv();
  return (
    <main className="mx-auto max-w-2xl px-6 py-16">
      <h1 className="text-3xl font-semibold tracking-tight">Tessera</h1>
      <p className="mt-3 text-slate-600">
        Self-hostable passwordless authentication, wire-compatible with Scute&apos;s public API.
      </p>
      <ul className="mt-8 space-y-3">
        <li>
          <a className="text-indigo-700 underline underline-offset-4 hover:text-indigo-900" href="/dashboard">
            Dashboard
          </a>{" "}
          <span className="text-slate-500">— sign in to manage workspaces, apps and API keys</span>
        </li>
        <li>
          <a className="text-indigo-700 underline underline-offset-4 hover:text-indigo-900" href="/docs">
            API reference
          </a>{" "}
          <span className="text-slate-500">— every /v1 route, generated from the request schemas</span>
        </li>
        <li>
          <a className="text-indigo-700 underline underline-offset-4 hover:text-indigo-900" href="/v1/openapi.json">
            OpenAPI document
          </a>
        </li>
      </ul>
      <p className="mt-10 text-sm text-slate-500">
        API base URL: <code className="rounded bg-slate-100 px-1.5 py-0.5">{baseUrl}/v1</code>
      </p>
    </main>
  );
}
