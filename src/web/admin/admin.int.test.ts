import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, places } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type UserRole } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { buildInitiative } from '../../test/factories.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn, startMailCatcher } from '../auth/testSupport.js';
import { testConfig } from '../../test/config.js';

let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
let orgA: number;
let orgB: number;
let goalId: number;
const sessions: Record<string, string | null> = { anonym: null };

type Who = 'anonym' | 'admin' | 'samordnare' | 'analytikerA' | 'aktorA' | 'aktorB';
const everyone: Who[] = ['anonym', 'admin', 'samordnare', 'analytikerA', 'aktorA', 'aktorB'];

const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    'doctype-style': 'off',
    'no-trailing-whitespace': 'off',
    'long-title': 'off',
    'attribute-boolean-style': 'off',
    'form-dup-name': ['error', { shared: ['radio', 'button', 'reset', 'submit', 'checkbox'] }],
  },
});

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  const ctx = context(database.db, systemActor('test'));
  const a = await createOrganisation(ctx, {
    slug: 'org-a',
    name: 'Organisation A',
    kind: 'kommun',
  });
  const b = await createOrganisation(ctx, {
    slug: 'org-b',
    name: 'Organisation B',
    kind: 'foretag',
  });
  if (!a.ok || !b.ok) throw new Error('organisations');
  orgA = a.value.id;
  orgB = b.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const users: [Who, UserRole, number[]][] = [
    ['admin', 'admin', []],
    ['samordnare', 'samordnare', []],
    ['analytikerA', 'analytiker', [orgA]],
    ['aktorA', 'aktor', [orgA]],
    ['aktorB', 'aktor', [orgB]],
  ];
  for (const [who, role, orgs] of users) {
    await makeUser(database.db, `${who.toLowerCase()}@example.se`, role, orgs);
    sessions[who] = (await signIn(app, `${who.toLowerCase()}@example.se`)).session;
  }
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

async function initiative(owner: number, state: 'utkast' | 'inskickad', title = 'Testinsats') {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: owner, goalIds: [goalId], title }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  if (state === 'inskickad')
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
  return r.value.id;
}

const validForm = (owner: number, extra: Record<string, string | string[]> = {}) => ({
  _csrf: CSRF,
  title: 'Solceller på skolor',
  summary: 'Kommunens skolor får solceller på taken.',
  description: '',
  status: 'planerad',
  startDate: '2026-01-01',
  endDate: '2027-12-31',
  ownerOrganisationId: String(owner),
  'partners.0.organisationId': String(orgB),
  'partners.0.role': 'partner',
  'funding.0.source': 'kommun',
  'funding.0.amountSek': '250 000',
  'funding.0.year': '2026',
  placeCodes: ['0880'],
  goalIds: [String(goalId)],
  sdgTargetCodes: '7.2, 13.2',
  ...extra,
});

const get = (who: Who, url: string) => app.inject({ url, headers: as(sessions[who]!) });
const post = (who: Who, url: string, data: Record<string, string | string[]> = { _csrf: CSRF }) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(sessions[who]!), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form(data),
  });

describe('route × role matrix', () => {
  const expectations = (table: Record<Who, number>) => table;

  it('GET pages', async () => {
    const draftA = await initiative(orgA, 'utkast');
    const draftB = await initiative(orgB, 'utkast');
    const cases: [string, Record<Who, number>][] = [
      [
        '/admin',
        expectations({
          anonym: 303,
          admin: 200,
          samordnare: 200,
          analytikerA: 200,
          aktorA: 200,
          aktorB: 200,
        }),
      ],
      [
        '/admin/insatser',
        { anonym: 303, admin: 200, samordnare: 200, analytikerA: 200, aktorA: 200, aktorB: 200 },
      ],
      [
        '/admin/insatser/ny',
        { anonym: 303, admin: 200, samordnare: 200, analytikerA: 403, aktorA: 200, aktorB: 200 },
      ],
      [
        `/admin/insatser/${draftA}`,
        { anonym: 303, admin: 200, samordnare: 200, analytikerA: 200, aktorA: 200, aktorB: 404 },
      ],
      [
        `/admin/insatser/${draftB}`,
        { anonym: 303, admin: 200, samordnare: 200, analytikerA: 404, aktorA: 404, aktorB: 200 },
      ],
      [
        '/admin/insatser/999999',
        { anonym: 303, admin: 404, samordnare: 404, analytikerA: 404, aktorA: 404, aktorB: 404 },
      ],
      [
        '/admin/insatser/abc',
        { anonym: 303, admin: 404, samordnare: 404, analytikerA: 404, aktorA: 404, aktorB: 404 },
      ],
      [
        '/admin/konto',
        { anonym: 303, admin: 200, samordnare: 200, analytikerA: 200, aktorA: 200, aktorB: 200 },
      ],
    ];
    for (const [url, table] of cases) {
      for (const who of everyone)
        expect((await get(who, url)).statusCode, `${who} GET ${url}`).toBe(table[who]);
    }
    const listA = await get('aktorA', '/admin/insatser');
    expect(listA.body).toContain(`/admin/insatser/${draftA}"`);
    expect(listA.body).not.toContain(`/admin/insatser/${draftB}"`);
  });

  it('POST create', async () => {
    const table: Record<Who, number> = {
      anonym: 303,
      admin: 303,
      samordnare: 303,
      analytikerA: 403,
      aktorA: 303,
      aktorB: 403,
    };
    for (const who of everyone) {
      expect((await post(who, '/admin/insatser', validForm(orgA))).statusCode, who).toBe(
        table[who],
      );
    }
  });

  it('POST submit, approve and return', async () => {
    const cases: [string, 'utkast' | 'inskickad', number, Record<Who, number>][] = [
      [
        'skicka-in',
        'utkast',
        orgA,
        { anonym: 303, admin: 303, samordnare: 303, analytikerA: 403, aktorA: 303, aktorB: 404 },
      ],
      [
        'godkann',
        'inskickad',
        orgA,
        { anonym: 303, admin: 303, samordnare: 303, analytikerA: 403, aktorA: 403, aktorB: 404 },
      ],
      [
        'returnera',
        'inskickad',
        orgA,
        { anonym: 303, admin: 303, samordnare: 303, analytikerA: 403, aktorA: 403, aktorB: 404 },
      ],
      [
        'skicka-in',
        'inskickad',
        orgA,
        { anonym: 303, admin: 403, samordnare: 403, analytikerA: 403, aktorA: 403, aktorB: 404 },
      ],
      [
        'skicka-in',
        'utkast',
        orgB,
        { anonym: 303, admin: 303, samordnare: 303, analytikerA: 404, aktorA: 404, aktorB: 303 },
      ],
    ];
    for (const [action, state, owner, table] of cases) {
      for (const who of everyone) {
        const id = await initiative(owner, state);
        const res = await post(who, `/admin/insatser/${id}/${action}`, {
          _csrf: CSRF,
          confirm: '1',
          comment: 'Komplettera budgeten.',
        });
        expect(res.statusCode, `${who} ${action} ${state}`).toBe(table[who]);
      }
    }
  });

  it('keeps a member of organisation A from registering for organisation B', async () => {
    const res = await post('aktorA', '/admin/insatser', validForm(orgB));
    expect(res.statusCode).toBe(403);
    const form = await get('aktorA', '/admin/insatser/ny');
    expect(form.body).toContain('Organisation A</option>');
    const ownerSelect = form.body.split('name="ownerOrganisationId"')[1]!.split('</select>')[0]!;
    expect(ownerSelect).toContain(`value="${orgA}"`);
    expect(ownerSelect).not.toContain(`value="${orgB}"`);
  });
});

describe('the initiative form', () => {
  it('creates with every field and redirects (PRG)', async () => {
    const res = await post('aktorA', '/admin/insatser', validForm(orgA));
    expect(res.statusCode).toBe(303);
    const location = String(res.headers.location);
    expect(location).toMatch(/^\/admin\/insatser\/\d+\?klart=skapad$/);
    const page = await get('aktorA', location);
    expect(page.body).toContain('Solceller på skolor');
    expect(page.body).toContain('Insatsen är sparad som utkast.');
    const report = await validator.validateString(page.body);
    expect(
      report.valid,
      JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))),
    ).toBe(true);
  });

  it('shows field errors next to the fields and keeps everything typed', async () => {
    const res = await post(
      'aktorA',
      '/admin/insatser',
      validForm(orgA, {
        summary: 'kort',
        startDate: '2026-13-45',
        goalIds: [],
        'funding.0.amountSek': 'mycket',
        sdgTargetCodes: '7.2, 99.9',
      }),
    );
    expect(res.statusCode).toBe(400);
    // A draft may be short and unlinked; what is given must still be right.
    expect(res.body).not.toContain('id="summary-error"');
    expect(res.body).not.toContain('id="goalIds-error"');
    expect(res.body).toContain('id="startDate-error"');
    expect(res.body).toContain('id="funding-0-amountSek-error"');
    expect(res.body).toContain('value="Solceller på skolor"');
    expect(res.body).toContain('value="mycket"');
    expect(res.body).toContain('value="7.2, 99.9"');
    expect(res.body).toContain('>kort</textarea>');
    expect(res.body).toMatch(/id="place-0880" name="placeCodes" value="0880" checked/);
    const report = await validator.validateString(res.body);
    expect(
      report.valid,
      JSON.stringify(report.results.flatMap((r) => r.messages.map((m) => m.message))),
    ).toBe(true);
  });

  it('keeps stored script payloads inert on admin pages', async () => {
    const payload = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const res = await post(
      'aktorA',
      '/admin/insatser',
      validForm(orgA, {
        title: `XSS ${payload}`,
        summary: `Sammanfattning ${payload}`,
        description: payload,
        contactEmail: 'inte en adress<script>',
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('<script>alert(1)');
    const created = await post(
      'aktorA',
      '/admin/insatser',
      validForm(orgA, {
        title: `XSS ${payload}`,
        summary: `Sammanfattning ${payload}`,
        description: payload,
      }),
    );
    expect(created.statusCode).toBe(303);
    const id = String(created.headers.location).match(/\d+/)![0];
    const pages: [Who, string][] = [
      ['samordnare', `/admin/insatser/${id}`],
      ['samordnare', '/admin/insatser'],
      ['aktorA', '/admin'],
    ];
    for (const [who, url] of pages) {
      const page = await get(who, url);
      expect(page.body, url).not.toContain('<script>alert');
      expect(page.body, url).not.toContain('<img src=x');
      expect(page.body, url).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});

describe('the approval journey with mail', () => {
  it('submits, returns, resubmits and publishes, mailing editors and the owner', async () => {
    const created = await post(
      'aktorA',
      '/admin/insatser',
      validForm(orgA, { title: 'Laddplatser i Kalmar' }),
    );
    const id = Number(String(created.headers.location).match(/\d+/)![0]);
    const sent = smtp.mails.length;
    expect((await post('aktorA', `/admin/insatser/${id}/skicka-in`)).statusCode).toBe(303);
    const toEditors = smtp.mails.slice(sent);
    expect(toEditors.flatMap((m) => m.to).sort()).toEqual([
      'admin@example.se',
      'samordnare@example.se',
    ]);
    expect(toEditors[0]!.raw).toContain('Laddplatser i Kalmar');

    const dashboard = await get('samordnare', '/admin');
    expect(dashboard.body).toContain('Väntar på godkännande');
    expect(dashboard.body).toContain('Laddplatser i Kalmar');

    const beforeReturn = smtp.mails.length;
    expect(
      (
        await post('samordnare', `/admin/insatser/${id}/returnera`, {
          _csrf: CSRF,
          confirm: '1',
          comment: 'Ange fler kommuner.',
        })
      ).statusCode,
    ).toBe(303);
    const returned = smtp.mails.slice(beforeReturn);
    expect(returned.flatMap((m) => m.to).sort()).toEqual([
      'aktora@example.se',
      'analytikera@example.se',
    ]);
    expect(returned[0]!.raw).toContain('Ange fler kommuner.');

    expect((await post('aktorA', `/admin/insatser/${id}/skicka-in`)).statusCode).toBe(303);
    expect(
      (await post('samordnare', `/admin/insatser/${id}/godkann`, { _csrf: CSRF, confirm: '1' }))
        .statusCode,
    ).toBe(303);
    expect(smtp.mails.at(-1)!.raw).toContain('publicerad');
    const publicPage = await app.inject(`/insatser/${id}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('Laddplatser i Kalmar');
  });

  it('has the places it offers', async () => {
    const rows = await database.db.select({ code: places.code }).from(places);
    expect(rows.length).toBeGreaterThan(10);
  });
});
