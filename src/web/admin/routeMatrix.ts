/**
 * The admin route × role matrix: for every route under /admin, the status each role gets. The
 * test beside this file (routeMatrix.int.test.ts) collects every /admin route of the real app,
 * fails when one has no row here, and sends each role's request and compares the status.
 *
 * Every /admin route sends a signed-out visitor to /logga-in (303); that is checked for every row
 * and is not written out.
 *
 * The roles, with the records the requests are about (all of organisation B, unless said):
 *
 * - `reader`: an analyst (`analytiker`), member of organisation B
 * - `memberOwn`: an actor (`aktor`), member of organisation B
 * - `memberOther`: an actor (`aktor`), member of organisation A only
 * - `editor`: a coordinator (`samordnare`), the Region's editor
 * - `admin`: an administrator
 *
 * Path parameters are filled by `target` (see `MatrixTarget`); each POST gets a fresh target, so
 * one role's action does not change what the next role meets. POST bodies are empty unless
 * `body` says otherwise: an allowed POST then usually answers 400 (the form's validation) or 303
 * (an action without fields), a refused one 403, and a record the role may not see 404.
 */

export type MatrixRole = 'reader' | 'memberOwn' | 'memberOther' | 'editor' | 'admin';
export const matrixRoles: readonly MatrixRole[] = [
  'reader',
  'memberOwn',
  'memberOther',
  'editor',
  'admin',
];

/**
 * What fills `:id` (and the other parameters) of a path:
 * - `draft`, `submitted`, `published`, `archived`: an initiative of organisation B in that state
 * - `user`: a user to act on (member of no organisation); `organisation`: organisation C, with
 *   `:userId` a member of it
 * - `missing`: an id that does not exist, beside an existing target, to show both answers alike
 *
 * Routes about other records name a `record` (see `MatrixRecord`) instead.
 */
export type MatrixTarget =
  | 'draft'
  | 'submitted'
  | 'published'
  | 'archived'
  | 'user'
  | 'organisation'
  | 'missing';

/**
 * Records other than initiatives, built for the row by routeMatrixTargets.ts. Each belongs to
 * organisation B or to the Region (indicators, periods, strategy drafts, consultations):
 * - `accessibilityReport` (a visitor's, unhandled), `indicator`, `importRun` (a failed one), `evaluation` (a draft, of B's published initiative), `apiToken` (B's)
 * - `period` (planned), `openPeriod`, `periodReport` (an open period and B's initiative),
 *   `progressReport` (B's, submitted)
 * - `logicModel` (B's published initiative), `strategyDraft`, `strategyItem` (a goal area of a
 *   draft), `consultation` (open, organisation B invited; `:org` is B)
 */
export type MatrixRecord =
  | 'indicator'
  | 'period'
  | 'openPeriod'
  | 'periodReport'
  | 'progressReport'
  | 'logicModel'
  | 'evaluation'
  | 'strategyDraft'
  | 'strategyItem'
  | 'consultation'
  | 'importRun'
  | 'apiToken'
  | 'accessibilityReport';

export interface MatrixRow {
  method: 'GET' | 'POST';
  /** The route as registered, with its parameters (`/admin/insatser/:id`). */
  path: string;
  target?: MatrixTarget;
  record?: MatrixRecord;
  body?: Record<string, string>;
  expect: Record<MatrixRole, number>;
}

/** Statuses in the order reader, memberOwn, memberOther, editor, admin. */
const s = (
  reader: number,
  memberOwn: number,
  memberOther: number,
  editor: number,
  admin: number,
): Record<MatrixRole, number> => ({ reader, memberOwn, memberOther, editor, admin });

const everyone = s(200, 200, 200, 200, 200);
const adminOnly = (ok: number) => s(403, 403, 403, 403, ok);
const curators = (ok: number) => s(403, 403, 403, ok, ok);
const analysts = (ok: number) => s(ok, 403, 403, ok, ok);

export const routeMatrix: MatrixRow[] = [
  // Dashboard, lists and the account page: every signed-in role.
  { method: 'GET', path: '/admin', expect: everyone },
  { method: 'GET', path: '/admin/insatser', expect: everyone },
  { method: 'GET', path: '/admin/konto', expect: everyone },
  // Two-step verification on one's own account: every role, on their own factors only. The
  // coordinator and the administrator are enrolled (so no new secret is shown, 303) and may not
  // turn their only factor off (400). Passkey options are given to everyone (200); an empty
  // registration is refused (400).
  { method: 'GET', path: '/admin/konto/tvastegsverifiering', expect: everyone },
  {
    method: 'GET',
    path: '/admin/konto/tvastegsverifiering/app',
    expect: s(200, 200, 200, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/konto/tvastegsverifiering/app',
    expect: s(400, 400, 400, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/konto/tvastegsverifiering/app/ta-bort',
    expect: s(303, 303, 303, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/konto/tvastegsverifiering/reservkoder',
    expect: s(303, 303, 303, 200, 200),
  },
  {
    method: 'POST',
    path: '/admin/konto/tvastegsverifiering/nyckel/ta-bort',
    expect: s(303, 303, 303, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/konto/tvastegsverifiering/nyckel/alternativ',
    expect: everyone,
  },
  {
    method: 'POST',
    path: '/admin/konto/tvastegsverifiering/nyckel',
    expect: s(400, 400, 400, 400, 400),
  },

  // Initiatives: members of organisation B and curators; organisation A's member cannot even see
  // organisation B's drafts (404), the reader sees them but changes nothing (403).
  { method: 'GET', path: '/admin/insatser/ny', expect: s(403, 200, 200, 200, 200) },
  { method: 'POST', path: '/admin/insatser', expect: s(403, 400, 400, 400, 400) },
  {
    method: 'GET',
    path: '/admin/insatser/:id',
    target: 'draft',
    expect: s(200, 200, 404, 200, 200),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/skicka-in',
    target: 'draft',
    expect: s(403, 303, 404, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/godkann',
    body: { confirm: '1' },
    target: 'submitted',
    expect: s(403, 403, 404, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/returnera',
    body: { confirm: '1' },
    target: 'submitted',
    expect: s(403, 403, 404, 303, 303),
  },

  // Follow-up: the indicator catalogue, own values and the import runs, for analysts and curators
  // (src/domain/followup/policies.ts). Publishing a draft indicator is the curators' step.
  { method: 'GET', path: '/admin/indikatorer', expect: analysts(200) },
  { method: 'GET', path: '/admin/indikatorer/ny', expect: analysts(200) },
  { method: 'GET', path: '/admin/indikatorer/kolada', expect: analysts(200) },
  { method: 'POST', path: '/admin/indikatorer/kolada', expect: analysts(400) },
  { method: 'GET', path: '/admin/indikatorer/scb', expect: analysts(200) },
  { method: 'GET', path: '/admin/indikatorer/scb/:table', expect: analysts(200) },
  { method: 'POST', path: '/admin/indikatorer/scb/:table', expect: analysts(400) },
  { method: 'POST', path: '/admin/indikatorer', expect: analysts(400) },
  { method: 'GET', path: '/admin/indikatorer/:id', record: 'indicator', expect: analysts(200) },
  { method: 'POST', path: '/admin/indikatorer/:id', record: 'indicator', expect: analysts(400) },
  {
    method: 'POST',
    path: '/admin/indikatorer/:id/publicera',
    record: 'indicator',
    expect: curators(303),
  },
  {
    method: 'POST',
    path: '/admin/indikatorer/:id/bevakning/sedd',
    record: 'indicator',
    expect: analysts(303),
  },
  {
    method: 'GET',
    path: '/admin/indikatorer/:id/varden',
    record: 'indicator',
    expect: analysts(200),
  },
  {
    method: 'POST',
    path: '/admin/indikatorer/:id/varden',
    record: 'indicator',
    expect: analysts(400),
  },
  {
    method: 'POST',
    path: '/admin/indikatorer/:id/varden/fil',
    record: 'indicator',
    expect: analysts(400),
  },
  { method: 'GET', path: '/admin/importer', expect: analysts(200) },
  { method: 'POST', path: '/admin/importer', expect: analysts(400) },
  { method: 'GET', path: '/admin/importer/:id', record: 'importRun', expect: analysts(200) },
  // A run without an indicator to fetch again: back to its page.
  { method: 'POST', path: '/admin/importer/:id/igen', record: 'importRun', expect: analysts(303) },
  // Users and roles: administrators only.
  { method: 'GET', path: '/admin/anvandare', expect: adminOnly(200) },
  { method: 'GET', path: '/admin/anvandare/bjud-in', expect: adminOnly(200) },
  { method: 'POST', path: '/admin/anvandare/bjud-in', expect: adminOnly(400) },
  { method: 'GET', path: '/admin/anvandare/inbjuden', expect: adminOnly(200) },
  { method: 'GET', path: '/admin/anvandare/:id', target: 'user', expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/admin/anvandare/:id/roll',
    target: 'user',
    body: { confirm: '1' },
    expect: adminOnly(400),
  },
  { method: 'POST', path: '/admin/anvandare/:id/stang-av', target: 'user', expect: adminOnly(303) },
  { method: 'POST', path: '/admin/anvandare/:id/aktivera', target: 'user', expect: adminOnly(303) },

  // Mail that has not been delivered: administrators.
  { method: 'GET', path: '/admin/e-post', expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/admin/e-post/:id/skicka-igen',
    target: 'missing',
    expect: adminOnly(404),
  },

  // Visitors' accessibility reports: administrators and coordinators read and handle them.
  { method: 'GET', path: '/admin/tillganglighet', expect: curators(200) },
  {
    method: 'POST',
    path: '/admin/tillganglighet/:id/hanterad',
    record: 'accessibilityReport',
    expect: curators(303),
  },

  // Organisations and members: administrators and coordinators; inviting needs an administrator.
  { method: 'GET', path: '/admin/organisationer', expect: curators(200) },
  { method: 'GET', path: '/admin/organisationer/ny', expect: curators(200) },
  { method: 'POST', path: '/admin/organisationer', expect: curators(400) },
  {
    method: 'GET',
    path: '/admin/organisationer/:id',
    target: 'organisation',
    expect: curators(200),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id',
    target: 'organisation',
    expect: curators(400),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id/arkivera',
    target: 'organisation',
    expect: curators(303),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id/aterstall',
    target: 'organisation',
    expect: curators(303),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id/medlemmar',
    target: 'organisation',
    expect: curators(400),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id/medlemmar/:userId',
    target: 'organisation',
    expect: curators(400),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id/medlemmar/:userId/ta-bort',
    target: 'organisation',
    expect: curators(303),
  },
  {
    method: 'POST',
    path: '/admin/organisationer/:id/bjud-in',
    target: 'organisation',
    expect: adminOnly(400),
  },

  // The audit log: administrators and coordinators.
  { method: 'GET', path: '/admin/logg', expect: curators(200) },
  { method: 'GET', path: '/admin/logg.csv', expect: curators(200) },

  // Initiatives: editing (a save without the version it was read at is a stale save, 409), history,
  // archive and restore, bulk export and import.
  { method: 'GET', path: '/admin/insatser/fil', expect: s(403, 200, 200, 200, 200) },
  { method: 'GET', path: '/admin/insatser/fil/insatser.csv', expect: s(403, 200, 200, 200, 200) },
  { method: 'GET', path: '/admin/insatser/fil/insatser.xlsx', expect: s(403, 200, 200, 200, 200) },
  {
    method: 'GET',
    path: '/admin/insatser/:id/redigera',
    target: 'draft',
    expect: s(403, 200, 404, 200, 200),
  },
  {
    method: 'GET',
    path: '/admin/insatser/:id/historik',
    target: 'draft',
    expect: s(200, 200, 404, 200, 200),
  },
  { method: 'POST', path: '/admin/insatser/fil', expect: s(403, 400, 400, 400, 400) },
  {
    method: 'POST',
    path: '/admin/insatser/:id/redigera',
    target: 'draft',
    expect: s(403, 409, 404, 409, 409),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/arkivera',
    body: { confirm: '1' },
    target: 'draft',
    expect: s(403, 303, 404, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/begar-arkivering',
    target: 'published',
    expect: s(403, 400, 403, 403, 403),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/avsla-arkivering',
    target: 'published',
    expect: s(403, 403, 403, 403, 403),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/dra-tillbaka',
    target: 'published',
    body: { confirm: '1' },
    expect: s(403, 403, 403, 403, 403),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/aterstall',
    target: 'archived',
    expect: s(403, 403, 404, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/insatser/:id/historik/:version/aterstall',
    target: 'draft',
    expect: s(403, 409, 404, 409, 409),
  },

  // Follow-up: reporting periods, progress reports and their review, the annual report.
  { method: 'GET', path: '/admin/rapportering', expect: s(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/admin/rapportering/perioder', expect: s(403, 403, 403, 200, 200) },
  { method: 'GET', path: '/admin/rapportering/granska', expect: s(403, 403, 403, 200, 200) },
  {
    method: 'GET',
    path: '/admin/rapportering/granska/:id',
    record: 'progressReport',
    expect: s(403, 403, 403, 200, 200),
  },
  {
    method: 'GET',
    path: '/admin/rapportering/:periodId/:initiativeId',
    record: 'periodReport',
    expect: s(200, 200, 404, 200, 200),
  },
  { method: 'GET', path: '/admin/rapporter/:year', expect: s(403, 403, 403, 200, 200) },
  { method: 'GET', path: '/admin/uppfoljning/rapporter', expect: s(403, 403, 403, 200, 200) },
  { method: 'POST', path: '/admin/rapportering/perioder', expect: s(403, 403, 403, 400, 400) },
  {
    method: 'POST',
    path: '/admin/rapportering/perioder/:id/oppna',
    record: 'period',
    expect: s(403, 403, 403, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/rapportering/granska/:id',
    record: 'progressReport',
    expect: s(403, 403, 403, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/rapportering/:periodId/:initiativeId',
    record: 'periodReport',
    body: { trafficLight: 'enligt-plan', narrative: 'Två kurser är genomförda enligt plan.' },
    expect: s(403, 303, 404, 303, 303),
  },
  { method: 'POST', path: '/admin/rapporter/:year', expect: s(403, 403, 403, 303, 303) },
  {
    method: 'POST',
    path: '/admin/rapporter/:year/publicera',
    body: { confirm: '1' },
    expect: s(403, 403, 403, 303, 303),
  },

  // Evaluations and logic models.
  { method: 'GET', path: '/admin/logikmodell', expect: s(200, 200, 200, 200, 200) },
  {
    method: 'GET',
    path: '/admin/logikmodell/:id',
    record: 'logicModel',
    expect: s(403, 200, 403, 200, 200),
  },
  { method: 'GET', path: '/admin/utvarderingar', expect: s(403, 403, 403, 200, 200) },
  { method: 'GET', path: '/admin/utvarderingar/ny', expect: s(403, 403, 403, 200, 200) },
  {
    method: 'GET',
    path: '/admin/utvarderingar/:id',
    record: 'evaluation',
    expect: s(403, 403, 403, 200, 200),
  },
  { method: 'POST', path: '/admin/utvarderingar', expect: s(403, 403, 403, 400, 400) },
  {
    method: 'POST',
    path: '/admin/utvarderingar/:id',
    record: 'evaluation',
    expect: s(403, 403, 403, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/utvarderingar/:id/publicera',
    record: 'evaluation',
    expect: s(403, 403, 403, 303, 303),
  },
  // The body is read only after the policy and the evaluation: it does not exist here, so 404.
  {
    method: 'POST',
    path: '/admin/utvarderingar/:id/dokument',
    record: 'evaluation',
    expect: s(403, 403, 403, 415, 415),
  },
  {
    method: 'POST',
    path: '/admin/logikmodell/:id',
    record: 'logicModel',
    expect: s(403, 303, 403, 303, 303),
  },

  // Strategy content: coordinators and administrators.
  { method: 'GET', path: '/admin/strategi', expect: s(403, 403, 403, 200, 200) },
  {
    method: 'GET',
    path: '/admin/strategi/:id',
    record: 'strategyDraft',
    expect: s(403, 403, 403, 200, 200),
  },
  {
    method: 'GET',
    path: '/admin/strategi/:id/jamforelse',
    record: 'strategyDraft',
    expect: s(403, 403, 403, 200, 200),
  },
  {
    method: 'GET',
    path: '/admin/strategi/:id/anta',
    record: 'strategyDraft',
    expect: s(403, 403, 403, 200, 200),
  },
  // The matrix fills :kind with a number, which names no kind of content: 404 for those who may edit.
  {
    method: 'GET',
    path: '/admin/strategi/:id/:kind/:itemId',
    record: 'strategyItem',
    expect: s(403, 403, 403, 200, 200),
  },
  { method: 'POST', path: '/admin/strategi/utkast', expect: s(403, 403, 403, 400, 400) },
  {
    method: 'POST',
    path: '/admin/strategi/:id/uppgifter',
    record: 'strategyDraft',
    expect: s(403, 403, 403, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/strategi/:id/anta',
    record: 'strategyDraft',
    expect: s(403, 403, 403, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/strategi/:id/:kind/:itemId',
    record: 'strategyItem',
    expect: s(403, 403, 403, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/strategi/:id/:kind/:itemId/ta-bort',
    record: 'strategyItem',
    expect: s(403, 403, 403, 409, 409),
  },
  {
    method: 'POST',
    path: '/admin/strategi/:id/:kind/:itemId/flytta',
    record: 'strategyItem',
    expect: s(403, 403, 403, 303, 303),
  },

  // Consultations (samråd).
  { method: 'GET', path: '/admin/samrad', expect: s(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/admin/samrad/ny', expect: s(403, 403, 403, 200, 200) },
  {
    method: 'GET',
    path: '/admin/samrad/:id',
    record: 'consultation',
    expect: s(403, 403, 403, 200, 200),
  },
  {
    method: 'GET',
    path: '/admin/samrad/:id/sammanstallning',
    record: 'consultation',
    expect: s(403, 403, 403, 200, 200),
  },
  {
    method: 'GET',
    path: '/admin/samrad/:id/svar/:org',
    record: 'consultation',
    expect: s(200, 200, 403, 403, 403),
  },
  { method: 'POST', path: '/admin/samrad', expect: s(403, 403, 403, 400, 400) },
  {
    method: 'POST',
    path: '/admin/samrad/:id/oppna',
    record: 'consultation',
    body: { confirm: '1' },
    expect: s(403, 403, 403, 409, 409),
  },
  {
    method: 'POST',
    path: '/admin/samrad/:id/stang',
    record: 'consultation',
    body: { confirm: '1' },
    expect: s(403, 403, 403, 303, 303),
  },
  {
    method: 'POST',
    path: '/admin/samrad/:id/sammanstallning',
    record: 'consultation',
    expect: s(403, 403, 403, 409, 409),
  },
  {
    method: 'POST',
    path: '/admin/samrad/:id/svar/:org',
    record: 'consultation',
    expect: s(403, 303, 403, 403, 403),
  },
  // The attachment upload checks that the actor answers for the organisation before it reads
  // the body, so no one who may not answer gets as far as the missing consultation.
  {
    method: 'POST',
    path: '/admin/samrad/:id/svar/:org/bilaga',
    record: 'consultation',
    expect: s(403, 415, 403, 403, 403),
  },
  {
    method: 'POST',
    path: '/admin/samrad/:id/inbjud',
    record: 'consultation',
    expect: s(403, 403, 403, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/samrad/:id/moten',
    record: 'consultation',
    expect: s(403, 403, 403, 400, 400),
  },
  {
    method: 'POST',
    path: '/admin/samrad/:id/kommentarer/:commentId',
    record: 'consultation',
    expect: s(403, 403, 403, 400, 400),
  },

  // API tokens: an organisation's members and administrators.
  { method: 'GET', path: '/admin/api-nycklar', expect: s(403, 200, 200, 403, 200) },
  { method: 'POST', path: '/admin/api-nycklar', expect: s(403, 400, 400, 403, 400) },
  // The page a new key is shown on once (without the key's cookie: the notice that it was shown).
  { method: 'GET', path: '/admin/api-nycklar/ny', expect: s(403, 200, 200, 403, 200) },
  {
    method: 'POST',
    path: '/admin/api-nycklar/:id/aterkalla',
    record: 'apiToken',
    body: { confirm: '1' },
    expect: s(403, 303, 404, 403, 303),
  },

  // Personal data (GDPR extracts and anonymisation): administrators only.
  { method: 'GET', path: '/admin/personuppgifter', expect: s(403, 403, 403, 403, 200) },
  { method: 'POST', path: '/admin/personuppgifter/utdrag', expect: s(403, 403, 403, 403, 400) },
  {
    method: 'POST',
    path: '/admin/personuppgifter/anonymisera',
    expect: s(403, 403, 403, 403, 400),
  },
];
