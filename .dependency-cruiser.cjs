/**
 * The layers of the house, checked by `npm run check:layers` (part of `npm run check:static`).
 * docs/ARCHITECTURE.md ("Layers") explains them; docs/decisions/021 says why.
 *
 * Front doors: web/public, web/admin, web/api, web/auth, cli, jobs. They translate a request,
 * a command line or a queued job into commands and queries of src/domain, and never hold a rule.
 * The domain imports no front door and no delivery adapter (src/mail): a command that must tell
 * someone queues a job (src/db/jobQueue.ts) in its own transaction.
 *
 * Tests are left out of the layer rules (they drive the domain through a front door on purpose)
 * but not out of the cycle rule's graph: a test file is a leaf, so it cannot close a cycle.
 */

/**
 * Modules the front doors share: named files, not folders. Each is what it says, and none holds
 * a route: the session layer and form parts every signed-in door uses live in web/auth, the
 * signed-in language in web/admin, the annual report's one view in web/public.
 */
const SHARED = [
  '^src/web/auth/session\\.ts$', // who is signed in: the session cookie, sign-in redirect, safe return paths
  '^src/web/auth/signedIn\\.ts$', // the signed-in area's deps, page shell and session start
  '^src/web/auth/texts\\.ts$', // the signed-in pages' messages in the reader's language
  '^src/web/auth/formParts\\.ts$', // CSRF field, error summary and field ids of every form
  '^src/web/auth/localIssues\\.ts$', // a command's issues in the signed-in language
  '^src/web/auth/pendingCookie\\.ts$', // the second factor's messages (sign-in and Mitt konto)
  '^src/web/auth/secondFactorViews\\.ts$', // enrolment and recovery-code views (sign-in and Mitt konto)
  '^src/web/admin/locale\\.ts$', // the language of signed-in pages and its cookie
  '^src/web/public/annualReportView\\.ts$', // the annual report: public page, admin preview, PDF
  '^src/web/public/initiativePageData\\.ts$', // the initiative page: public page and admin review preview
  '^src/jobs/worker\\.ts$', // the worker that `riktning serve` and `riktning worker` start
];

/**
 * Composition roots: they mount front doors and may import any of them. web/app.ts builds the
 * app; web/auth/plugin.ts mounts sign-in and every admin module behind one session check.
 */
const COMPOSITION_ROOTS = ['^src/web/app\\.ts$', '^src/web/auth/plugin\\.ts$'];

const testFile = '\\.test\\.ts$|^src/test/|testSupport\\.ts$|testFixtures\\.ts$|TestProvider\\.ts$';

const frontDoors = {
  public: '^src/web/public/',
  admin: '^src/web/admin/',
  api: '^src/web/api/',
  auth: '^src/web/auth/',
  cli: '^src/cli/',
  jobs: '^src/jobs/',
};

/** One rule per front door: it imports no other front door but through the shared modules. */
const frontDoorRules = Object.entries(frontDoors).map(([name, path]) => ({
  name: `front-door-${name}`,
  severity: 'error',
  comment: `The ${name} front door imports no other front door except the shared modules named in .dependency-cruiser.cjs.`,
  from: { path, pathNot: [testFile, ...COMPOSITION_ROOTS] },
  to: {
    path: Object.entries(frontDoors)
      .filter(([other]) => other !== name)
      .map(([, p]) => p),
    pathNot: SHARED,
  },
}));

module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-front-door',
      severity: 'error',
      comment:
        'src/domain holds the rules; it imports neither a front door (web, cli, jobs) nor the mail adapter.',
      from: { path: '^src/domain/', pathNot: testFile },
      to: { path: ['^src/web/', '^src/cli/', '^src/jobs/', '^src/mail/'] },
    },
    {
      name: 'support-imports-no-front-door',
      severity: 'error',
      comment:
        'Shared support (db, lib, mail, ops, seed, config) is used by the front doors and imports none of them.',
      from: {
        path: [
          '^src/db/',
          '^src/lib/',
          '^src/mail/',
          '^src/ops/',
          '^src/seed/',
          '^src/config\\.ts$',
        ],
        pathNot: testFile,
      },
      to: { path: ['^src/web/', '^src/cli/', '^src/jobs/'] },
    },
    {
      name: 'lib-knows-no-domain',
      severity: 'error',
      comment: 'src/lib is format support with no domain knowledge.',
      from: { path: '^src/lib/', pathNot: testFile },
      to: { path: ['^src/domain/', '^src/db/', '^src/mail/', '^src/ops/', '^src/seed/'] },
    },
    {
      name: 'no-runtime-cycles',
      severity: 'error',
      comment:
        'No module reaches itself again through runtime imports (type-only imports are erased and allowed).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    ...frontDoorRules,
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|data|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
