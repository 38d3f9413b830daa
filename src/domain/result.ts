import type { z } from 'zod';

/** A problem with one field of the input, in words a user can act on. */
export interface Issue {
  field: string;
  message: string;
  code: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (issues: Issue[]): { ok: false; issues: Issue[] } => ({ ok: false, issues });
export const issue = (field: string, message: string, code = 'invalid'): Issue => ({
  field,
  message,
  code,
});

/** Parses input with a zod schema and turns its issues into field issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  return fail(
    parsed.error.issues.map((i) => ({
      field: i.path.join('.') || '_',
      message: i.message,
      code: i.code,
    })),
  );
}
