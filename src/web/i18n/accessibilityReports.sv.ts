/** Swedish messages of the accessibility reports page (/admin/tillganglighet). */
export const accessibilityReportsSv = {
  nav: 'Tillgänglighet',
  title: 'Anmälda tillgänglighetsproblem',
  intro:
    'Besökare anmäler brister i tillgängligheten via länken i sidfoten, som lagen om tillgänglighet till digital offentlig service kräver. Svara den som har lämnat en e-postadress, åtgärda bristen eller förklara varför den finns kvar, och markera anmälan som hanterad.',
  tabs: { ny: 'Att hantera', hanterad: 'Hanterade' },
  tabsLabel: 'Visa anmälningar',
  none: { ny: 'Inga anmälningar väntar.', hanterad: 'Inga anmälningar är hanterade ännu.' },
  reportHeading: (id: number, date: string) => `Anmälan ${id}, ${date}`,
  page: 'Sida',
  noPage: 'Ingen sida angiven',
  contact: 'Kontakt',
  noContact: 'Ingen e-postadress lämnad',
  note: 'Vad gjordes eller svarades? (frivilligt)',
  noteHint: 'Syns bara här. Skriv inga personuppgifter utöver det som behövs.',
  markHandled: 'Markera som hanterad',
  handledBy: (who: string, date: string) => `Hanterad av ${who} ${date}`,
  handledAt: (date: string) => `Hanterad ${date}`,
  notices: {
    hanterad: 'Anmälan är markerad som hanterad.',
    redan: 'Anmälan var redan hanterad av någon annan. Inget ändrades.',
  } as Record<string, string>,
  truncated: (n: number) => `Visar de ${n} första.`,
};

export type AccessibilityReportsMessages = typeof accessibilityReportsSv;
