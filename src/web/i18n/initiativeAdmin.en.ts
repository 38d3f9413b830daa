import type { InitiativeAdminMessages } from './initiativeAdmin.sv.js';

/** English messages of the admin pages for editing, history and bulk work on initiatives. */
export const initiativeAdminEn: InitiativeAdminMessages = {
  fields: {
    title: 'Title',
    summary: 'Summary',
    description: 'Description',
    titleEn: 'Title in English',
    summaryEn: 'Summary in English',
    descriptionEn: 'Description in English',
    status: 'Status',
    startDate: 'Start date',
    endDate: 'End date',
    ownerOrganisationId: 'Owning organisation',
    partners: 'Partners',
    funding: 'Funding',
    placeCodes: 'Places',
    goalIds: 'Goals',
    perspectiveIds: 'Horizontal perspectives',
    sdgTargetCodes: 'Agenda 2030 targets',
    measureIds: 'Measures',
    diarienummer: 'Registration number',
    contactEmail: 'Contact (functional mailbox)',
    exampleOfYear: 'Example of the year (year)',
    isDemo: 'Demo record',
  },
  statusNames: {
    planerad: 'Planned',
    pagaende: 'Ongoing',
    avslutad: 'Completed',
    avbruten: 'Cancelled',
  },
  roleNames: {
    lead: 'Lead',
    partner: 'Partner',
    funder: 'Funder',
    implementer: 'Implementer',
  },
  sourceNames: {
    'regionala-utvecklingsmedel': 'Regional development funds',
    eruf: 'ERDF',
    'esf-plus': 'ESF+',
    interreg: 'Interreg',
    tillvaxtverket: 'Swedish Agency for Economic and Regional Growth',
    kommun: 'Municipality',
    region: 'Region',
    privat: 'Private',
    statlig: 'Central government',
    ovrig: 'Other',
  },
  stateNames: {
    utkast: 'Draft',
    inskickad: 'Submitted',
    publicerad: 'Published',
    returnerad: 'Returned',
    arkiverad: 'Archived',
  },
  yes: 'Yes',
  no: 'No',
  unknown: (id) => `Unknown (${id})`,
  form: {
    errorSummary: 'Please correct the following',
    dateHint: '(YYYY-MM-DD)',
    chooseStatus: 'Choose status',
    chooseOrganisation: 'Choose organisation',
    partnersLegend: 'Partners and roles',
    partnerRow: (n) => `Partner ${n}`,
    organisation: 'organisation',
    role: 'role',
    none: 'None',
    fundingRow: (n) => `Row ${n}`,
    source: 'source',
    amount: 'amount in SEK',
    year: 'year',
    funder: 'funder',
    noFunder: 'Not stated',
    sdgHint: 'Agenda 2030 targets (e.g. 4.4, 8.2)',
    englishLegend: 'Texts in English (optional)',
    englishHint: 'Where an English text is missing, the English site shows the Swedish one.',
    saveDraft: 'Save draft',
    save: 'Save changes',
    proposeHint:
      'The initiative is published. Your changes are saved as a proposal for the Region to approve; until then the site shows the published version.',
  },
  edit: {
    missingBeforeSubmit:
      'The draft is saved but not submitted: the fields below need filling in first. Save, then submit again.',
    title: (name) => `Edit ${name}`,
    link: 'Edit',
    historyLink: 'History',
    versionNote: (v) => `You are editing version ${v}.`,
    editingProposal: 'You are editing the open change proposal.',
  },
  conflict: {
    heading: 'Someone else saved the initiative meanwhile',
    lead: (who, when, version) =>
      `${who} saved version ${version} ${when}. None of your change has been saved. Compare below, correct the form and save again: your values will then be saved on top of the new version.`,
    someone: 'Someone',
    caption: 'Fields that differ between the saved version and your change',
    field: 'Field',
    theirs: 'Saved by the other person',
    yours: 'Your change',
    empty: '(empty)',
    mergeHeading: 'Someone else changed the same fields meanwhile',
    mergeLead: (who: string, when: string, version: number) =>
      `${who} saved version ${version} ${when}. The fields only one of you changed are already merged in the form. Choose for each field below which value should stand, then save. Nothing is saved yet.`,
    choose: 'Choose',
    keepTheirs: 'Keep the saved value',
    useMine: 'Use my change',
    chooseEach: 'Choose which value should stand for each field you both changed.',
    proposalOpenHeading: 'A change proposal is open',
    proposalOpen:
      'The organisation has an open change proposal. Decide it first, or save: the proposal is then moved onto your new version, keeping its own changes, and the organisation is shown it.',
    decideFirst: 'Decide the proposal first',
    approveChoices:
      'The proposal and a later change changed the same fields. Choose which value should stand.',
    proposalValue: 'The proposal',
    publishedValue: 'Published now',
    keepPublished: 'Keep the published value',
    useProposal: 'Use the proposal',
    noDifference: 'The saved version has the same values as your change.',
  },
  detail: {
    state: 'State',
    owner: 'Owning organisation',
    period: 'Period',
    summary: 'Summary',
    description: 'Description',
    contact: 'Contact',
    version: 'Version',
    returnComment: "The Region's comment on return",
    pendingHeading: 'Change proposal',
    pendingState: (state) => `A change proposal is open (${state}).`,
    pendingComment: "The Region's comment on the proposal",
    pendingChanges: 'Proposed changes to the published version',
    submit: 'Submit for approval',
    submitChange: 'Submit the change proposal',
    approve: 'Approve and publish',
    approveChange: 'Approve the change proposal',
    returnButton: 'Return',
    returnChange: 'Return the change proposal',
    returnLabel: 'Comment to the organisation',
    archive: 'Archive',
    archiveHint: 'An archived initiative leaves the site but is kept with its whole history.',
    restore: 'Restore from the archive',
    requestArchiveHeading: 'Ask for archiving',
    requestArchiveHint:
      'A published initiative is taken off the site by the Region. Say why it should be archived; the Region decides.',
    requestArchiveReason: 'Reason for archiving',
    requestArchive: 'Ask for archiving',
    archiveRequested: (who: string, reason: string) => `${who} has asked for archiving: ${reason}`,
    archiveRequestOpen: 'Archiving has been requested. The Region decides.',
    declineArchive: 'Turn down the request to archive',
    withdrawChange: 'Withdraw the change proposal',
    rebasedNotice:
      'A coordinator changed the published initiative while your proposal was open. The proposal now builds on the new version; your changes are kept.',
    viewPublic: 'View on the public site',
    previewHeading: 'Preview of the public page',
    previewDraft:
      'This is how the initiative will appear on the website once approved and published.',
    previewChange:
      'This is how the initiative will appear on the website once the change proposal is approved.',
    previewPublished: 'This is how the initiative appears on the website now.',
  },
  confirm: {
    approve: {
      heading: (title: string) => `Approve and publish ${title}?`,
      consequence:
        'The initiative is published on the public site and in the open data, and the organisation is told.',
      button: 'Yes, approve and publish',
    },
    approveChange: {
      heading: (title: string) => `Approve the proposed change to ${title}?`,
      consequence:
        'The changes in the proposal become the published version on the site and in the open data.',
      button: 'Yes, approve the proposal',
    },
    return: {
      heading: (title: string) => `Return ${title}?`,
      consequence:
        'The initiative goes back to the organisation with your comment and must be submitted again.',
      button: 'Yes, return it',
    },
    withdraw: {
      heading: (title: string) => `Withdraw the change proposal for ${title}?`,
      consequence:
        'The proposal is closed and the published version stands. The proposal is kept in the history and can be restored from there.',
      button: 'Yes, withdraw the proposal',
    },
    archive: {
      heading: (title: string) => `Archive ${title}?`,
      consequence:
        'The initiative is taken off the public site and the open data. It is kept with its full history and the Region can restore it.',
      button: 'Yes, archive it',
    },
  },
  notices: {
    valkommen: 'Welcome! Your account is created and you are signed in.',
    skapad: 'The initiative is saved as a draft.',
    sparad: 'The changes are saved.',
    foreslagen: 'The change proposal is saved. Submit it when it is ready.',
    inskickad: 'The initiative is submitted for approval.',
    publicerad: 'The initiative is approved and published.',
    returnerad: 'The initiative is returned to the organisation.',
    arkiverad: 'The initiative is archived.',
    aterstalld: 'The initiative is restored to the state it had before it was archived.',
    version: 'The version is restored as a new version.',
    versionforeslagen:
      'The version is saved as a change proposal. Submit it for approval; until then the published version is shown.',
    arkiveringbegard:
      'Your request to archive has been sent to the Region. The initiative stays published until the Region decides.',
    arkiveringavslagen: 'The request to archive was turned down. The initiative stays published.',
    tillbakadragen: 'The change proposal is withdrawn. The published version stands.',
  },
  staleAction:
    'The initiative has changed since you opened the page. Read the new version and try again.',
  history: {
    title: (name) => `History of ${name}`,
    caption: 'Versions, newest first',
    version: 'Version',
    when: 'When',
    who: 'Who',
    step: 'Step',
    changes: 'Changes',
    noChanges: 'No fields changed.',
    proposal: 'change proposal',
    restoredFrom: (v) => `restored from version ${v}`,
    restore: 'Restore this version',
    restoreHint: (v) => `Version ${v} is saved as a new version; nothing is removed.`,
    restoreAsProposal: 'Propose this version',
    restoreAsProposalHint: (v) =>
      `Version ${v} is saved as a change proposal. It is published only once you have submitted it and the Region has approved it.`,
    current: 'Current version',
    added: 'Added',
    removed: 'Removed',
    before: 'Before',
    after: 'After',
    showVersion: (v) => `Changes in version ${v}`,
    back: 'Back to the initiative',
    restoreFailed: 'The version cannot be restored as it is:',
    actions: {
      created: 'Registered',
      updated: 'Changed',
      restored: 'Version restored',
      submit: 'Submitted',
      approve: 'Approved and published',
      return: 'Returned',
      archive: 'Archived',
      restore: 'Restored from the archive',
      change_proposed: 'Change proposed',
      change_submitted: 'Change proposal submitted',
      change_approved: 'Change proposal approved',
      change_returned: 'Change proposal returned',
      change_withdrawn: 'Change proposal withdrawn',
      change_rebased: 'Change proposal moved onto a new version',
      unknown: 'Saved',
    },
  },
  bulk: {
    title: 'Export and import initiatives',
    nav: 'Export and import',
    intro:
      'Download the initiatives you may edit, change them in your spreadsheet program and upload the file again. Rows with an id update the initiative (if nobody else changed it since the export); rows without an id become new drafts. Everything or nothing is saved.',
    exportHeading: 'Export',
    csvComma: 'CSV (comma)',
    csvSemicolon: 'CSV (semicolon, Swedish Excel)',
    xlsx: 'Excel (XLSX)',
    importHeading: 'Import',
    fileLabel: 'File (CSV or XLSX, at most 5 MB)',
    importButton: 'Upload and save',
    noFile: 'Choose a file to upload.',
    tooLarge: 'The file is larger than 5 MB. Split it into several files.',
    wrongType: 'The file must be CSV (.csv) or Excel (.xlsx).',
    unreadable: 'The file could not be read.',
    fileProblem: (p) => {
      const at = p.line ? ` (line ${p.line})` : '';
      switch (p.code) {
        case 'xlsx_bad_reference':
          return `The cell or row "${p.ref ?? ''}" lies outside Excel's grid (at most column XFD and row 1,048,576).`;
        case 'xlsx_too_many_cells':
          return `The sheet has more than ${p.max} cells. Remove empty or surplus cells, or split the file.`;
        case 'xlsx_too_many_rows':
        case 'csv_too_many_rows':
          return `The file has more than ${p.max} rows. Split it.`;
        case 'xlsx_too_many_columns':
        case 'csv_too_many_columns':
          return `The file has more than ${p.max} columns${at}.`;
        case 'xlsx_too_large':
          return 'The workbook unpacks to more than can be read. Save it again with only the sheet of initiatives.';
        case 'xlsx_malformed':
          return 'The workbook is damaged. Save it again from the spreadsheet program.';
        case 'xlsx_missing_sheet':
        case 'xlsx_no_sheet':
          return 'The workbook has no sheet to read.';
        case 'xlsx_not_workbook':
          return 'The file is not an Excel workbook (.xlsx).';
        case 'csv_unclosed_quote':
          return `A quote is never closed: the row that starts on line ${p.line} has a " without an end.`;
        case 'csv_field_too_long':
          return `A field${at} is longer than ${p.max} characters.`;
        case 'csv_row_too_long':
          return `The row that starts on line ${p.line} is longer than ${p.max} bytes.`;
        case 'csv_too_large':
          return `The file is larger than ${p.max} bytes.`;
        case 'csv_malformed':
          return `The file is not valid CSV${at}: check the quotes.`;
        default:
          return 'The file could not be read.';
      }
    },
    missingColumns: (cols) => `The file lacks the columns: ${cols}.`,
    empty: 'The file has no rows with initiatives.',
    tooManyRows: (max) => `The file has more than ${max} rows. Split it.`,
    errorsHeading: 'Nothing has been saved: correct the rows below and upload the file again',
    errorsCaption: 'Errors by row',
    row: 'Row',
    column: 'Column',
    message: 'Error',
    done: (created, updated) =>
      `The import is done: ${created} new drafts and ${updated} updated initiatives.`,
    columnsHeading: 'Columns',
    columnsHelp:
      'Lists are written with | between the values. Partners as organisation id:role, funding as source:amount:year or source:amount:year:funder id, goals as goal codes (e.g. 4.2), places as municipality codes.',
  },
};
