/** Swedish messages of the admin pages for editing, history and bulk work on initiatives. */
export const initiativeAdminSv = {
  fields: {
    title: 'Rubrik',
    summary: 'Sammanfattning',
    description: 'Beskrivning',
    titleEn: 'Rubrik på engelska',
    summaryEn: 'Sammanfattning på engelska',
    descriptionEn: 'Beskrivning på engelska',
    status: 'Status',
    startDate: 'Startdatum',
    endDate: 'Slutdatum',
    ownerOrganisationId: 'Ägande organisation',
    partners: 'Samarbetsparter',
    funding: 'Finansiering',
    placeCodes: 'Platser',
    goalIds: 'Mål',
    perspectiveIds: 'Horisontella perspektiv',
    sdgTargetCodes: 'Delmål i Agenda 2030',
    measureIds: 'Åtgärder',
    diarienummer: 'Diarienummer',
    contactEmail: 'Kontakt (funktionsbrevlåda)',
    exampleOfYear: 'Årets exempel (år)',
    isDemo: 'Demopost',
  },
  statusNames: {
    planerad: 'Planerad',
    pagaende: 'Pågående',
    avslutad: 'Avslutad',
    avbruten: 'Avbruten',
  } as Record<string, string>,
  roleNames: {
    lead: 'Huvudansvarig',
    partner: 'Partner',
    funder: 'Finansiär',
    implementer: 'Genomförare',
  } as Record<string, string>,
  sourceNames: {
    'regionala-utvecklingsmedel': 'Regionala utvecklingsmedel',
    eruf: 'ERUF',
    'esf-plus': 'ESF+',
    interreg: 'Interreg',
    tillvaxtverket: 'Tillväxtverket',
    kommun: 'Kommun',
    region: 'Region',
    privat: 'Privat',
    statlig: 'Statlig',
    ovrig: 'Övrig',
  } as Record<string, string>,
  stateNames: {
    utkast: 'Utkast',
    inskickad: 'Inskickad',
    publicerad: 'Publicerad',
    returnerad: 'Returnerad',
    arkiverad: 'Arkiverad',
  } as Record<string, string>,
  yes: 'Ja',
  no: 'Nej',
  unknown: (id: string | number) => `Okänd (${id})`,
  form: {
    errorSummary: 'Rätta följande',
    dateHint: '(ÅÅÅÅ-MM-DD)',
    chooseStatus: 'Välj status',
    chooseOrganisation: 'Välj organisation',
    partnersLegend: 'Samarbetsparter och roller',
    partnerRow: (n: number) => `Part ${n}`,
    organisation: 'organisation',
    role: 'roll',
    none: 'Ingen',
    fundingRow: (n: number) => `Rad ${n}`,
    source: 'källa',
    amount: 'belopp i kronor',
    year: 'år',
    funder: 'finansiär',
    noFunder: 'Ingen angiven',
    sdgHint: 'Delmål i Agenda 2030 (t.ex. 4.4, 8.2)',
    englishLegend: 'Texter på engelska (frivilligt)',
    englishHint: 'Där engelsk text saknas visar den engelska webbplatsen den svenska.',
    saveDraft: 'Spara utkast',
    save: 'Spara ändringarna',
    proposeHint:
      'Insatsen är publicerad. Dina ändringar sparas som ett förslag som Regionen godkänner; till dess visas den publicerade versionen på webbplatsen.',
  },
  edit: {
    missingBeforeSubmit:
      'Utkastet är sparat men inte inskickat: det här behöver fyllas i först. Spara och skicka sedan in igen.',
    title: (name: string) => `Redigera ${name}`,
    link: 'Redigera',
    historyLink: 'Historik',
    versionNote: (v: number) => `Du redigerar version ${v}.`,
    editingProposal: 'Du redigerar det öppna ändringsförslaget.',
  },
  conflict: {
    heading: 'Någon annan har sparat insatsen under tiden',
    lead: (who: string, when: string, version: number) =>
      `${who} sparade version ${version} ${when}. Ingenting av din ändring är sparat. Jämför nedan, rätta formuläret och spara igen: då sparas dina värden ovanpå den nya versionen.`,
    someone: 'Någon',
    caption: 'Fält som skiljer sig mellan den sparade versionen och din ändring',
    field: 'Fält',
    theirs: 'Sparat av den andra',
    yours: 'Din ändring',
    empty: '(tomt)',
    noDifference: 'Den sparade versionen har samma värden som din ändring.',
    mergeHeading: 'Någon annan har ändrat samma fält under tiden',
    mergeLead: (who: string, when: string, version: number) =>
      `${who} sparade version ${version} ${when}. Fälten som bara en av er ändrade är redan sammanfogade i formuläret. Välj för varje fält nedan vilket värde som ska gälla och spara. Ingenting är sparat än.`,
    choose: 'Välj',
    keepTheirs: 'Behåll det sparade',
    useMine: 'Använd min ändring',
    chooseEach: 'Välj vilket värde som ska gälla för varje fält som ni båda har ändrat.',
    proposalOpenHeading: 'Ett ändringsförslag är öppet',
    proposalOpen:
      'Organisationen har ett öppet ändringsförslag. Besluta om det först, eller spara: förslaget flyttas då till din nya version och behåller sina egna ändringar, och organisationen får se det.',
    decideFirst: 'Besluta om förslaget först',
    approveChoices:
      'Förslaget och en senare ändring har ändrat samma fält. Välj vilket värde som ska gälla.',
    proposalValue: 'Förslaget',
    publishedValue: 'Publicerat nu',
    keepPublished: 'Behåll det publicerade',
    useProposal: 'Använd förslaget',
  },
  detail: {
    state: 'Läge',
    owner: 'Ägande organisation',
    period: 'Period',
    summary: 'Sammanfattning',
    description: 'Beskrivning',
    contact: 'Kontakt',
    version: 'Version',
    returnComment: 'Regionens kommentar vid retur',
    pendingHeading: 'Ändringsförslag',
    pendingState: (state: string) => `Ett ändringsförslag är öppet (${state}).`,
    pendingComment: 'Regionens kommentar till förslaget',
    pendingChanges: 'Föreslagna ändringar mot den publicerade versionen',
    submit: 'Skicka in för godkännande',
    submitChange: 'Skicka in ändringsförslaget',
    approve: 'Godkänn och publicera',
    approveChange: 'Godkänn ändringsförslaget',
    returnButton: 'Returnera',
    returnChange: 'Returnera ändringsförslaget',
    returnLabel: 'Kommentar till organisationen',
    archive: 'Arkivera',
    archiveHint: 'En arkiverad insats tas bort från webbplatsen men finns kvar med all historik.',
    restore: 'Återställ från arkivet',
    requestArchiveHeading: 'Begär arkivering',
    requestArchiveHint:
      'En publicerad insats tas bort från webbplatsen av Regionen. Skriv varför den ska arkiveras; Regionen beslutar.',
    requestArchiveReason: 'Skäl till arkiveringen',
    requestArchive: 'Begär arkivering',
    archiveRequested: (who: string, reason: string) => `${who} har begärt arkivering: ${reason}`,
    archiveRequestOpen: 'Arkivering är begärd. Regionen beslutar.',
    declineArchive: 'Avslå begäran om arkivering',
    withdrawChange: 'Dra tillbaka ändringsförslaget',
    rebasedNotice:
      'En samordnare har ändrat den publicerade insatsen medan ditt förslag var öppet. Förslaget bygger nu på den nya versionen; dina ändringar är kvar.',
    viewPublic: 'Visa på den publika webbplatsen',
    previewHeading: 'Förhandsvisning av den publika sidan',
    previewDraft: 'Så här visas insatsen på webbplatsen när den godkänns och publiceras.',
    previewChange: 'Så här visas insatsen på webbplatsen när ändringsförslaget godkänns.',
    previewPublished: 'Så här visas insatsen på webbplatsen nu.',
  },
  confirm: {
    approve: {
      heading: (title: string) => `Godkänna och publicera ${title}?`,
      consequence:
        'Insatsen publiceras på den publika webbplatsen och i öppna data, och organisationen får besked.',
      button: 'Ja, godkänn och publicera',
    },
    approveChange: {
      heading: (title: string) => `Godkänna ändringsförslaget för ${title}?`,
      consequence:
        'Ändringarna i förslaget blir den publicerade versionen på webbplatsen och i öppna data.',
      button: 'Ja, godkänn förslaget',
    },
    return: {
      heading: (title: string) => `Returnera ${title}?`,
      consequence:
        'Insatsen går tillbaka till organisationen med din kommentar och måste skickas in igen.',
      button: 'Ja, returnera',
    },
    withdraw: {
      heading: (title: string) => `Dra tillbaka ändringsförslaget för ${title}?`,
      consequence:
        'Förslaget stängs och den publicerade versionen gäller. Förslaget finns kvar i historiken och kan återställas därifrån.',
      button: 'Ja, dra tillbaka förslaget',
    },
    archive: {
      heading: (title: string) => `Arkivera ${title}?`,
      consequence:
        'Insatsen tas bort från den publika webbplatsen och öppna data. Den finns kvar med all historik och kan återställas av Regionen.',
      button: 'Ja, arkivera',
    },
  },
  notices: {
    valkommen: 'Välkommen! Ditt konto är skapat och du är inloggad.',
    skapad: 'Insatsen är sparad som utkast.',
    sparad: 'Ändringarna är sparade.',
    foreslagen: 'Ändringsförslaget är sparat. Skicka in det när det är klart.',
    inskickad: 'Insatsen är inskickad för godkännande.',
    publicerad: 'Insatsen är godkänd och publicerad.',
    returnerad: 'Insatsen är returnerad till organisationen.',
    arkiverad: 'Insatsen är arkiverad.',
    aterstalld: 'Insatsen är återställd till läget den hade före arkiveringen.',
    version: 'Versionen är återställd som en ny version.',
    versionforeslagen:
      'Versionen är sparad som ett ändringsförslag. Skicka in det för godkännande; tills dess visas den publicerade versionen.',
    arkiveringbegard:
      'Din begäran om arkivering är skickad till Regionen. Insatsen är publicerad tills Regionen har beslutat.',
    arkiveringavslagen: 'Begäran om arkivering är avslagen. Insatsen är fortsatt publicerad.',
    tillbakadragen: 'Ändringsförslaget är återtaget. Den publicerade versionen gäller.',
  } as Record<string, string>,
  staleAction:
    'Insatsen har ändrats sedan du öppnade sidan. Läs igenom den nya versionen och försök igen.',
  history: {
    title: (name: string) => `Historik för ${name}`,
    caption: 'Versioner, nyast först',
    version: 'Version',
    when: 'När',
    who: 'Vem',
    step: 'Steg',
    changes: 'Ändringar',
    noChanges: 'Inga ändrade fält.',
    proposal: 'ändringsförslag',
    restoredFrom: (v: number) => `återställd från version ${v}`,
    restore: 'Återställ den här versionen',
    restoreHint: (v: number) => `Version ${v} sparas som en ny version; inget tas bort.`,
    restoreAsProposal: 'Föreslå den här versionen',
    restoreAsProposalHint: (v: number) =>
      `Version ${v} sparas som ett ändringsförslag. Det publiceras först när du skickat in det och Regionen godkänt det.`,
    current: 'Nuvarande version',
    added: 'Tillagt',
    removed: 'Borttaget',
    before: 'Före',
    after: 'Efter',
    showVersion: (v: number) => `Ändringar i version ${v}`,
    back: 'Tillbaka till insatsen',
    restoreFailed: 'Versionen kan inte återställas som den är:',
    actions: {
      created: 'Registrerad',
      updated: 'Ändrad',
      restored: 'Återställd version',
      submit: 'Inskickad',
      approve: 'Godkänd och publicerad',
      return: 'Returnerad',
      archive: 'Arkiverad',
      restore: 'Återställd från arkivet',
      change_proposed: 'Ändring föreslagen',
      change_submitted: 'Ändringsförslag inskickat',
      change_approved: 'Ändringsförslag godkänt',
      change_returned: 'Ändringsförslag returnerat',
      change_withdrawn: 'Ändringsförslag återtaget',
      change_rebased: 'Ändringsförslag flyttat till ny version',
      unknown: 'Sparad',
    } as Record<string, string>,
  },
  bulk: {
    title: 'Exportera och importera insatser',
    nav: 'Export och import',
    intro:
      'Ladda ned de insatser du får redigera, ändra i kalkylprogrammet och läs in filen igen. Rader med id uppdaterar insatsen (om ingen annan har ändrat den sedan exporten); rader utan id blir nya utkast. Allt eller inget sparas.',
    exportHeading: 'Exportera',
    csvComma: 'CSV (kommatecken)',
    csvSemicolon: 'CSV (semikolon, svenskt Excel)',
    xlsx: 'Excel (XLSX)',
    importHeading: 'Importera',
    fileLabel: 'Fil (CSV eller XLSX, högst 5 MB)',
    importButton: 'Läs in och spara',
    noFile: 'Välj en fil att läsa in.',
    tooLarge: 'Filen är större än 5 MB. Dela upp den i flera filer.',
    wrongType: 'Filen måste vara CSV (.csv) eller Excel (.xlsx).',
    unreadable: 'Filen kunde inte läsas.',
    fileProblem: (p: { code: string; line?: number; max?: number; ref?: string }): string => {
      const at = p.line ? ` (rad ${p.line})` : '';
      switch (p.code) {
        case 'xlsx_bad_reference':
          return `Cellen eller raden "${p.ref ?? ''}" ligger utanför Excels rutnät (högst kolumn XFD och rad 1 048 576).`;
        case 'xlsx_too_many_cells':
          return `Kalkylbladet har fler än ${p.max} celler. Ta bort tomma eller överflödiga celler, eller dela upp filen.`;
        case 'xlsx_too_many_rows':
        case 'csv_too_many_rows':
          return `Filen har fler än ${p.max} rader. Dela upp den.`;
        case 'xlsx_too_many_columns':
        case 'csv_too_many_columns':
          return `Filen har fler än ${p.max} kolumner${at}.`;
        case 'xlsx_too_large':
          return 'Arbetsboken packas upp till mer än vad som kan läsas. Spara den på nytt med bara bladet med insatser.';
        case 'xlsx_malformed':
          return 'Arbetsboken är skadad. Spara den på nytt från kalkylprogrammet.';
        case 'xlsx_missing_sheet':
        case 'xlsx_no_sheet':
          return 'Arbetsboken har inget blad att läsa.';
        case 'xlsx_not_workbook':
          return 'Filen är inte en Excel-arbetsbok (.xlsx).';
        case 'csv_unclosed_quote':
          return `Ett citattecken stängs aldrig: raden som börjar på rad ${p.line} har ett " utan slut.`;
        case 'csv_field_too_long':
          return `Ett fält${at} är längre än ${p.max} tecken.`;
        case 'csv_row_too_long':
          return `Raden som börjar på rad ${p.line} är längre än ${p.max} byte.`;
        case 'csv_too_large':
          return `Filen är större än ${p.max} byte.`;
        case 'csv_malformed':
          return `Filen är inte giltig CSV${at}: kontrollera citattecknen.`;
        default:
          return 'Filen kunde inte läsas.';
      }
    },
    missingColumns: (cols: string) => `Filen saknar kolumnerna: ${cols}.`,
    empty: 'Filen innehåller inga rader med insatser.',
    tooManyRows: (max: number) => `Filen har fler än ${max} rader. Dela upp den.`,
    errorsHeading: 'Ingenting är sparat: rätta raderna nedan och läs in filen igen',
    errorsCaption: 'Fel per rad',
    row: 'Rad',
    column: 'Kolumn',
    message: 'Fel',
    done: (created: number, updated: number) =>
      `Importen är klar: ${created} nya utkast och ${updated} uppdaterade insatser.`,
    columnsHeading: 'Kolumner',
    columnsHelp:
      'Listor skrivs med | mellan värdena. Samarbetsparter som organisations-id:roll, finansiering som källa:belopp:år eller källa:belopp:år:finansiärens id, mål som målkoder (t.ex. 4.2), platser som kommunkoder.',
  },
};

export type InitiativeAdminMessages = typeof initiativeAdminSv;
