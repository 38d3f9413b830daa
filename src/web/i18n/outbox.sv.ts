/** Swedish messages of the mail outbox page (/admin/e-post). */
export const outboxSv = {
  nav: 'E-post',
  title: 'E-post som inte har kommit fram',
  intro:
    'All e-post skickas genom en kö. Det som inte gick att leverera försöks igen automatiskt med allt längre väntan; det som har misslyckats för många gånger visas här och kan skickas igen.',
  none: 'All e-post har levererats.',
  caption: 'E-post som väntar eller har misslyckats',
  colTo: 'Mottagare',
  colSubject: 'Ämne',
  colStatus: 'Läge',
  colAttempts: 'Försök',
  colError: 'Senaste fel',
  colAction: 'Åtgärd',
  status: {
    queued: 'Väntar på nytt försök',
    running: 'Skickas',
    failed: 'Misslyckades',
  } as Record<string, string>,
  nextAttempt: (when: string) => `nästa försök ${when}`,
  resend: 'Skicka igen',
  resent: 'E-posten ligger i kön igen och skickas inom kort.',
};

export type OutboxMessages = typeof outboxSv;
