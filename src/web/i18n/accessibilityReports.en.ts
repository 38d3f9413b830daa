import type { AccessibilityReportsMessages } from './accessibilityReports.sv.js';

/** English messages of the accessibility reports page (/admin/tillganglighet). */
export const accessibilityReportsEn: AccessibilityReportsMessages = {
  nav: 'Accessibility',
  title: 'Reported accessibility problems',
  intro:
    'Visitors report accessibility problems through the link in the footer, as the Swedish act on accessibility to digital public services requires. Answer those who left an e-mail address, fix the problem or explain why it remains, and mark the report as handled.',
  tabs: { ny: 'To handle', hanterad: 'Handled' },
  tabsLabel: 'Show reports',
  none: { ny: 'No reports are waiting.', hanterad: 'No reports have been handled yet.' },
  reportHeading: (id: number, date: string) => `Report ${id}, ${date}`,
  page: 'Page',
  noPage: 'No page given',
  contact: 'Contact',
  noContact: 'No e-mail address left',
  note: 'What was done or answered? (optional)',
  noteHint: 'Shown only here. Write no more personal data than is needed.',
  markHandled: 'Mark as handled',
  handledBy: (who: string, date: string) => `Handled by ${who} on ${date}`,
  handledAt: (date: string) => `Handled on ${date}`,
  notices: {
    hanterad: 'The report is marked as handled.',
    redan: 'Someone else had already handled the report. Nothing changed.',
  },
  truncated: (n: number) => `Showing the first ${n}.`,
};
