import type { z } from 'zod';
import { englishOf, plainMessage } from './issueMessages.js';

/** A problem with one field of the input, in words a user can act on. */
export interface Issue {
  field: string;
  message: string;
  code: string;
  /** The same message in English, where one is known (the English admin pages show it). */
  en?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (issues: Issue[]): { ok: false; issues: Issue[] } => ({ ok: false, issues });
export const issue = (field: string, message: string, code = 'invalid'): Issue => ({
  field,
  message,
  code,
});

/** Marks a schema issue that came without a message of its own. */
const NO_MESSAGE = '\u0000no-message';

/**
 * Parses input with a zod schema and turns its issues into field issues: one per field (the
 * first), every one in plain words. An issue without a message of the schema's own gets the
 * field's plain message (issueMessages.ts), never the schema library's English.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Result<z.infer<S>> {
  const parsed = schema.safeParse(input, { error: () => NO_MESSAGE });
  if (parsed.success) return ok(parsed.data);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const i of parsed.error.issues) {
    const field = i.path.map(String).join('.') || '_';
    if (seen.has(field)) continue;
    seen.add(field);
    if (i.message === NO_MESSAGE) {
      const plain = plainMessage(i);
      issues.push({ field, message: plain.sv, en: plain.en, code: i.code });
    } else {
      const en = englishOf[i.message];
      issues.push({ field, message: i.message, code: i.code, ...(en ? { en } : {}) });
    }
  }
  return fail(issues);
}

/** The issues in the language of the page: English where known, else the Swedish text. */
export function issuesIn(locale: 'sv' | 'en', issues: Issue[]): Issue[] {
  return locale === 'en' ? issues.map((i) => ({ ...i, message: i.en ?? i.message })) : issues;
}
