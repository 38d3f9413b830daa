import { SourceError } from './sourceHttp.js';
import { SourceParseError } from './parsedRow.js';
import type { ImportIssue } from './importObservations.js';

/** Issue codes that mean the source failed rather than the input being wrong. */
export const sourceFailureCodes = new Set([
  'source_unavailable',
  'source_http_error',
  'source_bad_response',
  'error',
]);

/** Turns a failure while fetching into one import issue; unknown errors are rethrown. */
export function sourceIssue(err: unknown): ImportIssue {
  if (err instanceof SourceError || err instanceof SourceParseError) {
    return {
      row: 0,
      field: err instanceof SourceError && err.code === 'unknown_kpi' ? 'kpi' : 'source',
      message: err.message,
      code: err.code,
    };
  }
  throw err;
}

/** A range such as 2015-2025 or a list such as 2019,2021; null when it is not one. */
export function parseYears(text: string): number[] | null {
  const years: number[] = [];
  for (const part of text.split(',').map((p) => p.trim())) {
    const range = /^(\d{4})\s*[-–]\s*(\d{4})$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from || to - from > 200) return null;
      for (let y = from; y <= to; y += 1) years.push(y);
    } else if (/^\d{4}$/.test(part)) years.push(Number(part));
    else return null;
  }
  return years.length > 0 ? [...new Set(years)].sort((a, b) => a - b) : null;
}
