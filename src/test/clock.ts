/** The clock of test contexts: a fixed instant, so dates in fixtures and pages are stable. */
export const fixedNow = () => new Date('2026-06-15T10:00:00Z');
