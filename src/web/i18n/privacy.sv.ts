/** Messages of the personal-data page in the admin area, Swedish. */
export const privacySv = {
  title: 'Personuppgifter',
  lead: 'Registerutdrag (GDPR artikel 15) och anonymisering av en användare som slutat. Båda loggas i ändringsloggen.',
  extractHeading: 'Registerutdrag',
  extractHelp:
    'Allt som finns lagrat om personen – konto, medlemskap, inloggningar, händelser i ändringsloggen, kommentarer, remissvar och insatser där adressen är kontakt – som en JSON-fil.',
  extractButton: 'Hämta registerutdrag',
  anonymiseHeading: 'Anonymisera en användare som slutat',
  anonymiseHelp:
    'Namn och e-postadress ersätts med en pseudonym; lösenord, inloggningar och medlemskap tas bort; adressen rensas från insatsers kontaktuppgifter och kommentarer. Ändringsloggen behålls med pseudonymen. Det går inte att ångra.',
  anonymiseButton: 'Anonymisera',
  email: 'E-postadress',
  confirm: 'Jag förstår att anonymiseringen inte kan ångras',
  confirmMissing: 'Kryssa i att du förstår att anonymiseringen inte kan ångras.',
  errorsTitle: 'Något behöver rättas',
  anonymised: (pseudonym: string) => `Användaren är anonymiserad och heter nu ${pseudonym}.`,
  nothingStored: 'Inget finns lagrat om den e-postadressen.',
  issues: {
    invalid_email: 'Ange en giltig e-postadress.',
    unknown_user: 'Det finns ingen användare med den e-postadressen.',
    already_anonymised: 'Användaren är redan anonymiserad.',
    cannot_anonymise_self: 'Du kan inte anonymisera ditt eget konto.',
  } as Record<string, string>,
};

export type PrivacyMessages = typeof privacySv;
