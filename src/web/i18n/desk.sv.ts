import type { DeskKind } from '../admin/desk.js';

interface DeskText {
  /** The line, with the count. */
  line: (n: number) => string;
  /** What the date means, with it. */
  date?: (d: string) => string;
}

/** The overview's desk: what waits for whom, with counts and deadlines (Swedish). */
export const deskSv = {
  heading: 'Att göra',
  caption: 'Det här väntar just nu',
  nothing: 'Inget väntar på dig just nu.',
  items: {
    initiativesToReview: {
      line: (n) =>
        n === 1 ? '1 insats väntar på granskning' : `${n} insatser väntar på granskning`,
      date: (d) => `den äldsta sedan ${d}`,
    },
    reportsToReview: {
      line: (n) =>
        n === 1
          ? '1 lägesrapport väntar på granskning'
          : `${n} lägesrapporter väntar på granskning`,
      date: (d) => `den äldsta inskickad ${d}`,
    },
    overdueReports: {
      line: (n) => (n === 1 ? '1 lägesrapport är försenad' : `${n} lägesrapporter är försenade`),
      date: (d) => `den äldsta skulle ha kommit ${d}`,
    },
    openPeriods: {
      line: (n) => (n === 1 ? '1 öppen rapportperiod' : `${n} öppna rapportperioder`),
      date: (d) => `nästa sista dag ${d}`,
    },
    closingConsultations: {
      line: (n) =>
        n === 1 ? '1 remiss stänger inom 14 dagar' : `${n} remisser stänger inom 14 dagar`,
      date: (d) => `den första ${d}`,
    },
    failedImports: {
      line: (n) =>
        n === 1
          ? '1 import misslyckades de senaste 30 dagarna'
          : `${n} importer misslyckades de senaste 30 dagarna`,
      date: (d) => `senast ${d}`,
    },
    accessibilityReports: {
      line: (n) =>
        n === 1
          ? '1 tillgänglighetsanmälan väntar på svar'
          : `${n} tillgänglighetsanmälningar väntar på svar`,
      date: (d) => `den äldsta från ${d}`,
    },
    returnedToMe: {
      line: (n) =>
        n === 1 ? '1 insats är returnerad till er' : `${n} insatser är returnerade till er`,
      date: (d) => `sedan ${d}`,
    },
    reportsDue: {
      line: (n) => (n === 1 ? '1 lägesrapport att lämna' : `${n} lägesrapporter att lämna`),
      date: (d) => `sista dag ${d}`,
    },
    reportsOverdue: {
      line: (n) =>
        n === 1 ? '1 lägesrapport från er är försenad' : `${n} lägesrapporter från er är försenade`,
      date: (d) => `sista dagen var ${d}`,
    },
  } satisfies Record<DeskKind, DeskText>,
};

export type DeskMessages = typeof deskSv;
