import type { FastifyInstance } from 'fastify';
import { HtmlValidate } from 'html-validate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { context, systemActor, type UserRole } from '../../domain/context.js';
import { defineIndicator } from '../../domain/followup/defineIndicator.js';
import { versionContent } from '../../domain/drafting/queries.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

let database: Database;
let app: FastifyInstance;
let draftId: number;
let draftGoalId: number;
let draftIndicatorSlug: string;
const sessions: Record<string, string | null> = { anonym: null };
type Who = 'anonym' | 'admin' | 'samordnare' | 'analytiker' | 'aktor';

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
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const current = await versionContent(database.db, (await currentStrategy(database.db)).id);
  const indicator = await defineIndicator(ctx, {
    goalId: current.areas[0]!.goals[0]!.id,
    slug: 'upplevd-trygghet',
    nameSv: 'Upplevd trygghet',
    nameEn: 'Perceived safety',
    unit: '%',
    source: 'manual',
    direction: 'higher',
  });
  if (!indicator.ok) throw new Error(JSON.stringify(indicator.issues));
  const draft = await startDraftStrategy(ctx, {
    fromStrategyId: current.strategy.id,
    slug: 'rus-2040',
    nameSv: 'RUS 2040',
    nameEn: 'RDS 2040',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error(JSON.stringify(draft.issues));
  draftId = draft.value.id;
  const content = await versionContent(database.db, draftId);
  draftGoalId = content.areas[0]!.goals[0]!.id;
  draftIndicatorSlug = content.areas[0]!.goals[0]!.indicators[0]!.slug;
  const users: [Who, UserRole][] = [
    ['admin', 'admin'],
    ['samordnare', 'samordnare'],
    ['analytiker', 'analytiker'],
    ['aktor', 'aktor'],
  ];
  for (const [who, role] of users) {
    await makeUser(database.db, `${who}@example.se`, role, []);
    sessions[who] = (await signIn(app, `${who}@example.se`)).session;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (who: Who, url: string, cookie = '') =>
  app.inject({ url, headers: { cookie: `${as(sessions[who]!).cookie}${cookie}` } });
const post = (who: Who, url: string, data: Record<string, string | string[]>, cookie = '') =>
  app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: `${as(sessions[who]!).cookie}${cookie}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: form({ _csrf: CSRF, ...data }),
  });

describe('strategy admin routes', () => {
  const pages = () => [
    '/admin/strategi',
    `/admin/strategi/${draftId}`,
    `/admin/strategi/${draftId}/jamforelse`,
    `/admin/strategi/${draftId}/anta`,
    `/admin/strategi/${draftId}/mal/${draftGoalId}`,
    `/admin/strategi/${draftId}/malomrade/ny`,
    `/admin/strategi/${draftId}/program/ny`,
  ];

  it('lets editors and administrators in, with valid HTML, and keeps everyone else out', async () => {
    for (const url of pages()) {
      for (const who of ['samordnare', 'admin'] as const) {
        const res = await get(who, url);
        expect(res.statusCode, `${who} ${url}`).toBe(200);
        const report = await validator.validateString(res.body);
        expect(
          report.results.flatMap((r) => r.messages.map((m) => m.message)),
          url,
        ).toEqual([]);
      }
      for (const who of ['aktor', 'analytiker'] as const) {
        expect((await get(who, url)).statusCode, `${who} ${url}`).toBe(403);
      }
      const anonymous = await get('anonym', url);
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toMatch(/^\/logga-in/);
    }
    for (const who of ['aktor', 'analytiker'] as const) {
      const res = await post(who, `/admin/strategi/${draftId}/mal/${draftGoalId}`, {
        nameSv: 'x',
        nameEn: 'x',
      });
      expect(res.statusCode).toBe(403);
      expect((await post(who, '/admin/strategi/utkast', { slug: 'x' })).statusCode).toBe(403);
      expect(
        (await post(who, `/admin/strategi/${draftId}/anta`, { decisionDate: '2026-01-01' }))
          .statusCode,
      ).toBe(403);
    }
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/admin/strategi/${draftId}/mal/${draftGoalId}/ta-bort`,
      headers: { cookie: `riktning_session=${sessions.samordnare}` },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('shows field errors in Swedish and English and keeps what was typed', async () => {
    const url = `/admin/strategi/${draftId}/malomrade/ny`;
    const data = {
      slug: 'Nytt område',
      nameSv: 'Hållbar <b>energi</b>',
      nameEn: '',
      colour: 'röd',
    };
    const sv = await post('samordnare', url, data);
    expect(sv.statusCode).toBe(400);
    expect(sv.body).toContain('Använd små bokstäver a–z');
    expect(sv.body).toContain('Ange färgen som #RRGGBB');
    expect(sv.body).toContain('value="Hållbar &lt;b&gt;energi&lt;/b&gt;"');
    const en = await post('samordnare', url, data, '; riktning_sprak=en');
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Enter the colour as #RRGGBB');
    expect(en.body).toContain('This field cannot be empty.');
    expect(en.body).toContain('Add goal area');
  });

  it('explains why a goal with an indicator cannot be removed', async () => {
    const res = await post(
      'samordnare',
      `/admin/strategi/${draftId}/mal/${draftGoalId}/ta-bort`,
      {},
    );
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('1 indikatorer');
  });

  it('keeps the draft off the public pages and the open data', async () => {
    expect((await app.inject({ url: `/indikatorer/${draftIndicatorSlug}` })).statusCode).toBe(404);
    expect((await app.inject({ url: '/indikatorer/upplevd-trygghet' })).statusCode).toBe(200);
    expect((await app.inject({ url: '/strategin/arkiv/rus-2040' })).statusCode).toBe(404);
    const strategies = await app.inject({ url: '/api/v1/strategies' });
    expect(strategies.body).not.toContain('rus-2040');
    const goalsApi = await app.inject({ url: '/api/v1/goals?limit=500' });
    expect(goalsApi.body).not.toContain(`"id":${draftGoalId},`);
    const archive = await app.inject({ url: '/en/strategin/arkiv' });
    expect(archive.statusCode).toBe(200);
    expect(archive.body).toContain('There are no archived strategies yet.');
  });
});
