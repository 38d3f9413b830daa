/** Messages of the second factor: the sign-in step, enrolment and the account page, Swedish. */
export const secondFactorSv = {
  stepTitle: 'Bekräfta att det är du',
  stepIntro:
    'Lösenordet stämmer. Skriv nu den sexsiffriga koden från din autentiseringsapp, eller en av dina reservkoder.',
  codeLabel: 'Kod från appen eller reservkod',
  codeHint: 'Sex siffror från appen, eller en reservkod som k7dp-3mxa-q9rt.',
  verifyButton: 'Logga in',
  wrongCode: 'Koden stämmer inte, eller har redan använts. Försök med nästa kod från appen.',
  tooManyWrong:
    'För många felaktiga koder. Logga in med ditt lösenord igen för att försöka på nytt.',
  rateLimited: (time: string) =>
    `För många felaktiga koder för kontot. Försök igen efter kl. ${time}.`,
  expired: 'Inloggningen har gått ut. Logga in med ditt lösenord igen.',
  cancel: 'Avbryt inloggningen',
  passkeyHeading: 'Med nyckel (passkey)',
  passkeyButton: 'Logga in med nyckel',
  passkeyFailed: 'Nyckeln kunde inte användas. Använd koden från appen i stället.',
  enrolTitle: 'Skydda kontot med ett andra steg',
  enrolRequired:
    'Administratörer och samordnare måste använda ett andra steg när de loggar in med lösenord. Ställ in det nu; det tar en minut.',
  enrolOptional:
    'Med ett andra steg räcker det inte att någon får tag på ditt lösenord: inloggningen kräver också en kod från din telefon.',
  enrolStep1:
    'Öppna en autentiseringsapp (till exempel Aegis, FreeOTP, Google Authenticator eller Microsoft Authenticator) och lägg till ett konto.',
  enrolStep2:
    'Skriv in nyckeln nedan för hand (tidsbaserad, sex siffror), eller öppna länken på telefonen.',
  enrolStep3: 'Skriv koden som appen visar för att bekräfta.',
  secretLabel: 'Nyckel att skriva in',
  uriLabel: 'Länk för appen (otpauth)',
  secretOnce: 'Nyckeln visas bara medan du ställer in appen. Den visas aldrig igen.',
  confirmLabel: 'Kod från appen',
  confirmButton: 'Bekräfta och aktivera',
  confirmFailed:
    'Koden stämmer inte. Kontrollera att telefonens klocka går rätt och skriv den kod som visas nu.',
  codesTitle: 'Dina reservkoder',
  codesIntro:
    'Spara koderna på ett säkert ställe, till exempel i en lösenordshanterare eller utskrivna. Varje kod fungerar en gång, om du inte har telefonen till hands. De visas bara nu.',
  codesContinue: 'Jag har sparat koderna – fortsätt',
  accountLink: 'Tvåstegsverifiering',
  accountTitle: 'Tvåstegsverifiering',
  accountRequired: 'Din roll kräver tvåstegsverifiering när du loggar in med lösenord.',
  accountSso:
    'Du loggar in med gemensam inloggning; det andra steget sköts där. Ett andra steg här gäller bara inloggning med lösenord.',
  appHeading: 'Autentiseringsapp',
  appOn: 'Påslagen.',
  appOff: 'Inte inställd.',
  appSetUp: 'Ställ in autentiseringsapp',
  appRemove: 'Stäng av autentiseringsappen',
  appRemoveHint: 'För att stänga av appen: skriv en kod från den, eller en reservkod.',
  appRemoveRefused:
    'Appen kan inte stängas av: din roll kräver ett andra steg och du har ingen nyckel (passkey) registrerad.',
  appRemoved: 'Autentiseringsappen är avstängd.',
  codesHeading: 'Reservkoder',
  codesLeft: (n: number) => `${n} av 10 oanvända.`,
  codesNone: 'Du har inga reservkoder. Skapa nya.',
  codesRegenerate: 'Skapa nya reservkoder',
  codesRegenerateHint: 'De gamla koderna slutar fungera.',
  codesNeedFactor: 'Reservkoder skapas när du har ställt in ett andra steg.',
  passkeysHeading: 'Nycklar (passkeys)',
  passkeysIntro:
    'En nyckel i telefonen, datorn eller en säkerhetsnyckel. Fungerar i webbläsare som stöder det; annars används appen.',
  passkeysNone: 'Inga nycklar registrerade.',
  passkeysCaption: 'Registrerade nycklar',
  passkeyName: 'Namn',
  passkeyCreated: 'Registrerad',
  passkeyLastUsed: 'Senast använd',
  passkeyNever: 'Aldrig',
  passkeyAdd: 'Registrera en nyckel',
  passkeyAddName: 'Namn på nyckeln',
  passkeyNeedsScript:
    'Att registrera en nyckel kräver JavaScript och en webbläsare som stöder nycklar.',
  passkeyNotConfigured:
    'Nycklar kan användas när tjänstens publika adress är inställd (RIKTNING_PUBLIC_URL).',
  passkeyRemove: 'Ta bort',
  passkeyRemoveLabel: (name: string) => `Ta bort nyckeln ${name}`,
  passkeyAdded: 'Nyckeln är registrerad.',
  passkeyRemoved: 'Nyckeln är borttagen.',
  passkeyRegisterFailed: 'Nyckeln kunde inte registreras. Försök igen.',
  notices: {
    app: 'Autentiseringsappen är påslagen.',
    borttagen: 'Autentiseringsappen är avstängd.',
    nyckel: 'Nyckeln är registrerad.',
    nyckelborttagen: 'Nyckeln är borttagen.',
  } as Record<string, string>,
};

export type SecondFactorMessages = typeof secondFactorSv;
