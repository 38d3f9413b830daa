import type { ApiTokenMessages } from './apiTokens.sv.js';

/** Messages of the API-token page in the admin area, English. */
export const apiTokensEn: ApiTokenMessages = {
  title: 'API keys',
  lead: "With an API key your organisation's own system can register and change initiatives and submit progress reports through the write API. What arrives is sent to the Region for approval, just as from the forms.",
  docsLink: 'Description of the API (OpenAPI)',
  createHeading: 'Create a key',
  name: 'Name',
  nameHint: "What the key is used for, e.g. the system's name.",
  organisation: 'Organisation',
  create: 'Create key',
  createdHeading: 'Your new key',
  createdOnce:
    'Copy the key now and store it in the system that will use it. It is shown only this once; we keep only a fingerprint of it.',
  tokenLabel: 'API key',
  usage: 'Send it in the Authorization header:',
  listHeading: 'Keys',
  caption: 'API keys with prefix, created, last used and state',
  colName: 'Name',
  colOrganisation: 'Organisation',
  colPrefix: 'Starts with',
  colCreated: 'Created',
  colLastUsed: 'Last used',
  colState: 'State',
  never: 'Never',
  active: 'Active',
  revokedAt: (when: string) => `Revoked ${when}`,
  revoke: 'Revoke',
  revokeLabel: (name: string) => `Revoke the key ${name}`,
  revokeHeading: (name: string) => `Revoke the key ${name}?`,
  revokeConsequence:
    'Systems using the key can no longer write, from now on. A revoked key cannot be used again; you will have to create a new one.',
  revokeConfirm: 'Yes, revoke the key',
  shownOnce:
    'A new key is shown only once, right after it is created. If you did not copy it: revoke it and create a new one.',
  revoked: 'The key is revoked. Systems using it can no longer write.',
  none: 'There are no keys yet.',
  noOrganisation:
    'You are not a member of any organisation and so cannot create keys. Administrators can see and revoke every key.',
  errorsTitle: 'Something needs correcting',
  issues: {
    name: {
      too_small: "Give the key a name of at least two characters, e.g. the system's name.",
      too_big: 'The name can be at most 100 characters.',
    },
    organisationId: { default: 'Choose an organisation.' },
  } as Record<string, Record<string, string>>,
  by: (name: string) => `by ${name}`,
};
