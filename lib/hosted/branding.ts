import type { AppRow } from "@/lib/apps/find-app";
import { parseHttpUrl } from "@/lib/urls";

const HEX = /^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;
const DEFAULT_COLOR = "#4f46e5";

export interface Branding {
  name: string;
  /** An http(s) logo URL, or null. */
  logo: string | null;
  /** The app's first colour when it is a plain hex colour, else Tessera's. */
  color: string;
}

/** The branding a hosted page may show: only values that are safe to put in `src` and `style`. */
export function brandingOf(app: Pick<AppRow, "name" | "logo" | "colors">): Branding {
  const first = app.colors[0];
  const logo = app.logo ? parseHttpUrl(app.logo) : null;
  return { name: app.name, logo: logo ? logo.toString() : null, color: first && HEX.test(first) ? first : DEFAULT_COLOR };
}
