import type { PrivacyMessages } from './privacy.sv.js';

/** Messages of the personal-data page in the admin area, English. */
export const privacyEn: PrivacyMessages = {
  title: 'Personal data',
  lead: 'Register extracts (GDPR article 15) and anonymisation of a user who has left. Both are recorded in the audit log.',
  extractHeading: 'Register extract',
  extractHelp:
    'Everything stored about the person – account, memberships, sign-ins, audit events, comments, consultation responses and initiatives with the address as contact – as a JSON file.',
  extractButton: 'Download register extract',
  anonymiseHeading: 'Anonymise a user who has left',
  anonymiseHelp:
    'Name and e-mail address are replaced by a pseudonym; password, sessions and memberships are removed; the address is cleared from initiative contacts and comments. The audit log is kept, with the pseudonym. This cannot be undone.',
  anonymiseButton: 'Anonymise',
  email: 'E-mail address',
  confirm: 'I understand that anonymisation cannot be undone',
  confirmMissing: 'Tick that you understand that anonymisation cannot be undone.',
  errorsTitle: 'Something needs correcting',
  anonymised: (pseudonym: string) => `The user is anonymised and is now called ${pseudonym}.`,
  nothingStored: 'Nothing is stored about that e-mail address.',
  issues: {
    invalid_email: 'Enter a valid e-mail address.',
    unknown_user: 'There is no user with that e-mail address.',
    already_anonymised: 'The user is already anonymised.',
    cannot_anonymise_self: 'You cannot anonymise your own account.',
  },
};
