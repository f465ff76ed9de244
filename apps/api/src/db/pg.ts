// Small PostgreSQL facts every repository needs.

/** The constraint a statement broke with a unique violation (23505), if that is what happened. */
export function uniqueViolation(err: unknown): string | undefined {
  // Drizzle wraps the driver's error: the code may sit on the error or on its cause.
  const e = err as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const c = e.code === '23505' ? e : e.cause?.code === '23505' ? e.cause : undefined;
  return c?.constraint;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
export const likeLiteral = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
