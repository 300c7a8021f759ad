import type { AppRow } from "@/lib/apps/find-app";

/** What every link email sender takes. */
export interface LinkEmailInput {
  app: AppRow;
  /** The canonical address (as stored on the user), never raw input. */
  to: string;
  /** The link, built from the app's configured URLs only (threats T12). */
  url: string;
  expiresInSeconds: number;
  /** An explicit language; else the app's default_language, then Accept-Language. */
  language?: string;
  acceptLanguage?: string | null;
}
