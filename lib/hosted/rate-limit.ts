import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

/** One fixed-window limit for a hosted action (the API routes' limits, applied to server actions). */
export async function hostedRateLimit(ctx: Ctx, name: string, key: string | null, limit: number, windowSeconds: number): Promise<void> {
  if (key === null) return;
  const result = await consumeRateLimit(`${name}:${key}`, limit, windowSeconds, ctx.now);
  if (!result.allowed) throw new AppError("rate_limited");
}
