"use client";

import { useRef } from "react";

/**
 * Picks the workspace the dashboard shows. A plain form posting to a server
 * action (works without JavaScript through its button); with JavaScript,
 * choosing an option submits at once.
 */
export function WorkspaceSwitcher({
  action,
  current,
  workspaces,
}: {
  action: (formData: FormData) => Promise<void>;
  current: string;
  workspaces: readonly { id: string; name: string; role: string }[];
}) {
  const form = useRef<HTMLFormElement>(null);
  return (
    <form ref={form} action={action} className="flex items-center gap-2">
      <label htmlFor="workspace-switcher" className="sr-only">
        Workspace
      </label>
      <select
        id="workspace-switcher"
        name="workspace_id"
        defaultValue={current}
        onChange={() => form.current?.requestSubmit()}
        className="max-w-[12rem] truncate rounded-lg border border-slate-300 bg-white py-1.5 pr-8 pl-2.5 text-sm font-medium text-slate-900 focus:outline-2 focus:outline-indigo-600 sm:max-w-xs"
      >
        {workspaces.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({w.role})
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="text-sm underline">
          Switch
        </button>
      </noscript>
    </form>
  );
}
