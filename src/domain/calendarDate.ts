import { z } from 'zod';

/** Whether `s` is a date of the calendar written ÅÅÅÅ-MM-DD: 2027-02-30 is not. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A date field: ÅÅÅÅ-MM-DD and a real day of the calendar, with one message for both (an empty
 * or malformed value never gets two).
 */
export const calendarDate = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine(isCalendarDate, message);
