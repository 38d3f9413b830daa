import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';

/**
 * Every admin form, posted with a battery of bad values in every field, answers in words people
 * understand: no page shows the schema library's English, a regular expression or a type name,
 * and no field has more than one message.
 */
let database: Database;
let app: FastifyInstance;
let session: string;
let draftId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const o = await createOrganisation(ctx, { slug: 'medd', name: 'Meddelanden', kind: 'kommun' });
  if (!o.ok) throw new Error('organisation');
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const d = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: o.value.id, goalIds: [goalId] }),
  );
  if (!d.ok) throw new Error('initiative');
  draftId = d.value.id;
  const draft = await startDraftStrategy(ctx, {
    fromStrategyId: (await currentStrategy(database.db)).id,
    slug: 'rus-meddelanden',
    nameSv: 'Utkast',
    nameEn: 'Draft',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error('draft');
  await makeUser(database.db, 'admin@medd.se', 'admin', [o.value.id]);
  session = (await signIn(app, 'admin@medd.se')).session!;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The form pages and the action of the form on each that the battery is posted to. */
const forms = (): [string, string][] => [
  ['/admin/insatser/ny', '/admin/insatser'],
  [`/admin/insatser/${draftId}/redigera`, `/admin/insatser/${draftId}/redigera`],
  ['/admin/samrad/ny', '/admin/samrad'],
  ['/admin/indikatorer/ny', '/admin/indikatorer'],
  ['/admin/organisationer/ny', '/admin/organisationer'],
  ['/admin/anvandare/bjud-in', '/admin/anvandare/bjud-in'],
  ['/admin/rapportering/perioder', '/admin/rapportering/perioder'],
  ['/admin/utvarderingar/ny', '/admin/utvarderingar'],
  ['/admin/api-nycklar', '/admin/api-nycklar'],
];

const battery = [
  '',
  ' ',
  'x',
  '-1',
  'NaN',
  '1e400',
  '99999999999999999999',
  '2027-02-30',
  '31/12/2026',
  '8.2.3',
  '<b>fet</b>',
  'Ω'.repeat(21_000),
];

/** English schema text, patterns and type names that must never reach a Swedish page. */
const machinery =
  /Invalid|Too (big|small)|[Ee]xpected|[Rr]eceived|must match|[Pp]attern|\/\^|\\d|\bNaN\b|\bundefined\b|\b(string|number|boolean|null|array|object|int)\b/;

/** The fields of the form posting to `action`: names and their current values. */
function formFields(page: string, action: string): Map<string, string[]> {
  const start = page.indexOf(`action="${action}"`);
  expect(start, `form ${action}`).toBeGreaterThan(-1);
  const body = page.slice(start, page.indexOf('</form>', start));
  const fields = new Map<string, string[]>();
  for (const m of body.matchAll(/<(input|select|textarea)\b([^>]*)>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[2]!)?.[1];
    if (!name || name === '_csrf') continue;
    const value = /\bvalue="([^"]*)"/.exec(m[2]!)?.[1] ?? '';
    const hidden = /type="hidden"/.test(m[2]!);
    fields.set(name, hidden ? [value] : []);
  }
  return fields;
}

/** The texts of the field errors and the error summary on a page. */
function errorTexts(page: string): { field: string; text: string }[] {
  const strip = (s: string) => s.replace(/<[^>]+>/g, '').trim();
  const out = [...page.matchAll(/<p class="field-error" id="([^"]+)-error">([\s\S]*?)<\/p>/g)].map(
    (m) => ({ field: m[1]!, text: strip(m[2]!) }),
  );
  for (const m of page.matchAll(/<div class="message" role="alert">([\s\S]*?)<\/div>/g)) {
    out.push({ field: '(summary)', text: strip(m[1]!) });
  }
  return out;
}

describe('form messages', () => {
  it('shows no schema machinery and one message per field for any bad input', async () => {
    for (const [path, action] of forms()) {
      const page = await app.inject({ url: path, headers: as(session) });
      expect(page.statusCode, path).toBe(200);
      const fields = formFields(page.body, action);
      let seen = 0;
      for (const bad of battery) {
        const data: Record<string, string | string[]> = { _csrf: CSRF };
        for (const [name, hidden] of fields) data[name] = hidden.length > 0 ? hidden : bad;
        const res = await app.inject({
          method: 'POST',
          url: action,
          headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
          payload: form(data),
        });
        expect(res.statusCode, `${action} ${bad.slice(0, 12)}`).toBeLessThan(500);
        const errors = errorTexts(res.body);
        seen += errors.length;
        for (const e of errors) {
          expect(e.text, `${action} ${e.field} with ${bad.slice(0, 12)}`).not.toMatch(machinery);
        }
        const perField = errors.filter((e) => e.field !== '(summary)').map((e) => e.field);
        expect(new Set(perField).size, `${action} one message per field`).toBe(perField.length);
      }
      expect(seen, `${action} shows its errors`).toBeGreaterThan(0);
    }
  });

  it('names an end before the start in the same round as the other problems', async () => {
    const page = await app.inject({ url: '/admin/insatser/ny', headers: as(session) });
    expect(page.statusCode).toBe(200);
    const res = await app.inject({
      method: 'POST',
      url: '/admin/insatser',
      headers: { ...as(session), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form({
        _csrf: CSRF,
        title: 'x',
        startDate: '2026-05-01',
        endDate: '2026-01-01',
        'funding.0.source': 'kommun',
        'funding.0.amountSek': '100',
        'funding.0.year': '3000',
        sdgTargetCodes: '8.2.3',
      }),
    });
    expect(res.statusCode).toBe(400);
    const fields = errorTexts(res.body).map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['title', 'endDate', 'funding-0-year', 'sdgTargetCodes']),
    );
    expect(res.body).toContain('Ange ett år mellan 1990 och 2100.');
    expect(res.body).toContain('Ange ett delmål som 8.2 eller 11.a');
  });
});
