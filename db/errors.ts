/** Whether `e` (or any error in its cause chain) is a Postgres unique violation. */
export function isUniqueViolation(e: unknown, constraint?: string): boolean {
  let cur: unknown = e;
  for (let depth = 0; cur && depth < 5; depth++) {
    if (typeof cur === "object" && cur !== null && "code" in cur && (cur as { code: unknown }).code === "23505") {
      if (!constraint) return true;
      const c = cur as { constraint?: string; constraint_name?: string; message?: string };
      return c.constraint === constraint || c.constraint_name === constraint || (c.message ?? "").includes(constraint);
    }
    cur = typeof cur === "object" && cur !== null && "cause" in cur ? (cur as { cause: unknown }).cause : undefined;
  }
  return false;
}
