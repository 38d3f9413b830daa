/** Messages of the API-token page in the admin area, Swedish. */
export const apiTokensSv = {
  title: 'API-nycklar',
  lead: 'Med en API-nyckel kan er organisations eget system registrera och ändra insatser och lämna lägesrapporter genom skriv-API:t. Det som kommer in skickas till Regionen för godkännande, precis som från formulären.',
  docsLink: 'Beskrivning av API:t (OpenAPI)',
  createHeading: 'Skapa en nyckel',
  name: 'Namn',
  nameHint: 'Vad nyckeln används till, t.ex. systemets namn.',
  organisation: 'Organisation',
  create: 'Skapa nyckel',
  createdHeading: 'Din nya nyckel',
  createdOnce:
    'Kopiera nyckeln nu och spara den i systemet som ska använda den. Den visas bara den här gången; vi sparar bara ett fingeravtryck av den.',
  tokenLabel: 'API-nyckel',
  usage: 'Skicka den i huvudet Authorization:',
  listHeading: 'Nycklar',
  caption: 'API-nycklar med början, skapad, senast använd och läge',
  colName: 'Namn',
  colOrganisation: 'Organisation',
  colPrefix: 'Början',
  colCreated: 'Skapad',
  colLastUsed: 'Senast använd',
  colState: 'Läge',
  never: 'Aldrig',
  active: 'Aktiv',
  revokedAt: (when: string) => `Återkallad ${when}`,
  revoke: 'Återkalla',
  revokeLabel: (name: string) => `Återkalla nyckeln ${name}`,
  revokeHeading: (name: string) => `Återkalla nyckeln ${name}?`,
  revokeConsequence:
    'System som använder nyckeln får genast inte längre skriva. En återkallad nyckel kan inte användas igen; ni får skapa en ny.',
  revokeConfirm: 'Ja, återkalla nyckeln',
  shownOnce:
    'En ny nyckel visas bara en gång, direkt när den skapats. Har du inte kopierat den: återkalla den och skapa en ny.',
  revoked: 'Nyckeln är återkallad. System som använder den får inte längre skriva.',
  none: 'Det finns inga nycklar ännu.',
  noOrganisation:
    'Du är inte medlem i någon organisation och kan därför inte skapa nycklar. Administratörer kan se och återkalla alla nycklar.',
  errorsTitle: 'Något behöver rättas',
  issues: {
    name: {
      too_small: 'Ge nyckeln ett namn på minst två tecken, t.ex. systemets namn.',
      too_big: 'Namnet får vara högst 100 tecken.',
    },
    organisationId: { default: 'Välj organisation.' },
  } as Record<string, Record<string, string>>,
  by: (name: string) => `av ${name}`,
};

export type ApiTokenMessages = typeof apiTokensSv;
