import { randomBase62 } from "@/lib/ids";

/** A URL slug from a display name: lowercase ASCII letters, digits and dashes. */
export function slugify(name: string, fallback = "workspace"): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/** The slug with a short random suffix, used when the plain slug is taken. */
export function suffixed(slug: string): string {
  return `${slug.slice(0, 42)}-${randomBase62(5).toLowerCase()}`;
}
