import type { OutboxMessages } from './outbox.sv.js';

/** English messages of the mail outbox page; the same keys as outbox.sv.ts. */
export const outboxEn: OutboxMessages = {
  nav: 'Mail',
  title: 'Mail that has not been delivered',
  intro:
    'All mail is sent through a queue. What could not be delivered is retried automatically with growing waits; what has failed too many times is shown here and can be sent again.',
  none: 'All mail has been delivered.',
  caption: 'Mail waiting or failed',
  colTo: 'Recipient',
  colSubject: 'Subject',
  colStatus: 'State',
  colAttempts: 'Attempts',
  colError: 'Last error',
  colAction: 'Action',
  status: {
    queued: 'Waiting for another attempt',
    running: 'Being sent',
    failed: 'Failed',
  },
  nextAttempt: (when: string) => `next attempt ${when}`,
  resend: 'Send again',
  resent: 'The mail is queued again and will be sent shortly.',
};
