import type { Locale } from './index.js';
import { deskSv, type DeskMessages } from './desk.sv.js';

const plural = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);

/** The overview's desk (English); the same keys as desk.sv.ts. */
export const deskEn: DeskMessages = {
  heading: 'To do',
  caption: 'What waits now',
  nothing: 'Nothing waits for you just now.',
  items: {
    initiativesToReview: {
      line: (n) => `${plural(n, 'initiative waits', 'initiatives wait')} for review`,
      date: (d) => `the oldest since ${d}`,
    },
    reportsToReview: {
      line: (n) => `${plural(n, 'progress report waits', 'progress reports wait')} for review`,
      date: (d) => `the oldest submitted ${d}`,
    },
    overdueReports: {
      line: (n) => plural(n, 'progress report is late', 'progress reports are late'),
      date: (d) => `the oldest was due ${d}`,
    },
    openPeriods: {
      line: (n) => plural(n, 'open reporting period', 'open reporting periods'),
      date: (d) => `next due ${d}`,
    },
    closingConsultations: {
      line: (n) => `${plural(n, 'consultation closes', 'consultations close')} within 14 days`,
      date: (d) => `the first on ${d}`,
    },
    failedImports: {
      line: (n) => `${plural(n, 'import', 'imports')} failed in the last 30 days`,
      date: (d) => `the latest on ${d}`,
    },
    accessibilityReports: {
      line: (n) =>
        `${plural(n, 'accessibility report awaits', 'accessibility reports await')} an answer`,
      date: (d) => `the oldest from ${d}`,
    },
    returnedToMe: {
      line: (n) => `${plural(n, 'initiative was', 'initiatives were')} returned to you`,
      date: (d) => `since ${d}`,
    },
    reportsDue: {
      line: (n) => `${plural(n, 'progress report', 'progress reports')} to submit`,
      date: (d) => `due ${d}`,
    },
    reportsOverdue: {
      line: (n) => `${plural(n, 'overdue progress report', 'overdue progress reports')} from you`,
      date: (d) => `it was due ${d}`,
    },
  },
};

export const deskMessages = (locale: Locale): DeskMessages => (locale === 'en' ? deskEn : deskSv);
