/**
 * Runs once when the Next.js server starts (not during `next build`). Starts
 * background maintenance inside the server process, which owns the database
 * handle (the embedded engine allows one opener).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startMaintenance } = await import("./lib/instance/maintenance");
  startMaintenance();
}
