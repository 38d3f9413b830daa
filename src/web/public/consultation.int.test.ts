import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { consultationComments, goals } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { swedishDate } from '../../domain/consultation/policies.js';
import { draftOutline } from '../../domain/consultation/queries.js';
import { startDraftStrategy } from '../../domain/drafting/startDraftStrategy.js';
import { currentStrategy } from '../../domain/strategy/queries.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, linkIn, makeUser, signIn, startMailCatcher } from '../auth/testSupport.js';
import { testConfig } from '../../test/config.js';

let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
const session: Record<'editor' | 'kalmar' | 'nybro', string | null> = {
  editor: null,
  kalmar: null,
  nybro: null,
};
let kalmar: number;
let nybro: number;
let draftId: number;
let goalId: number;
let consultationId: number;
const SECRET_GOAL = 'Hemligt utkastmål om vätgas';
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>';

const day = (offset: number) => swedishDate(new Date(Date.now() + offset * 86_400_000));

const post = (
  url: string,
  who: keyof typeof session | null,
  data: Record<string, string | string[]>,
  ip = '10.1.1.1',
) =>
  app.inject({
    method: 'POST',
    url,
    remoteAddress: ip,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...as(who ? session[who] : null),
    },
    payload: form({ _csrf: CSRF, ...data }),
  });
const get = (url: string, who: keyof typeof session | null = null) =>
  app.inject({ method: 'GET', url, headers: as(who ? session[who] : null) });

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  const system = context(database.db, systemActor('test'));
  const draft = await startDraftStrategy(system, {
    fromStrategyId: (await currentStrategy(database.db)).id,
    slug: 'rus-2040-web',
    nameSv: 'Regional utvecklingsstrategi 2040',
    nameEn: 'Regional development strategy 2040',
    periodStart: 2027,
    periodEnd: 2040,
  });
  if (!draft.ok) throw new Error('draft');
  draftId = draft.value.id;
  goalId = (await draftOutline(database.db, draftId))[0]!.goals[0]!.id;
  await database.db.update(goals).set({ nameSv: SECRET_GOAL }).where(eq(goals.id, goalId));
  const k = await createOrganisation(system, {
    slug: 'kalmar-k',
    name: 'Kalmar kommun',
    kind: 'kommun',
  });
  const n = await createOrganisation(system, {
    slug: 'nybro-k',
    name: 'Nybro kommun',
    kind: 'kommun',
  });
  if (!k.ok || !n.ok) throw new Error('organisations');
  kalmar = k.value.id;
  nybro = n.value.id;
  await makeUser(database.db, 'redaktor@example.se', 'samordnare');
  await makeUser(database.db, 'kalmar@example.se', 'aktor', [kalmar]);
  await makeUser(database.db, 'nybro@example.se', 'aktor', [nybro]);
  session.editor = (await signIn(app, 'redaktor@example.se')).session;
  session.kalmar = (await signIn(app, 'kalmar@example.se')).session;
  session.nybro = (await signIn(app, 'nybro@example.se')).session;
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

describe('a consultation through the web', () => {
  it('is planned by an editor with errors beside the fields, and shows nothing publicly', async () => {
    expect((await get('/admin/samrad/ny', 'kalmar')).statusCode).toBe(403);
    const bad = await post('/admin/samrad', 'editor', {
      strategyId: String(draftId),
      titleSv: 'Samråd om RUS 2040',
      introductionSv: 'kort',
      opensOn: day(10),
      closesOn: day(5),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="introductionSv-error"');
    expect(bad.body).toContain('id="closesOn-error"');
    expect(bad.body).toContain('value="Samråd om RUS 2040"');
    const created = await post('/admin/samrad', 'editor', {
      strategyId: String(draftId),
      titleSv: 'Samråd om RUS 2040',
      titleEn: 'Consultation on the 2040 strategy',
      introductionSv: 'Vi vill veta vad ni tycker om utkastet.',
      questionsSv: 'Saknas något mål?\nÄr visionen rätt?',
      questionsEn: 'Is a goal missing?\nIs the vision right?',
      opensOn: day(10),
      closesOn: day(40),
    });
    expect(created.statusCode).toBe(303);
    consultationId = Number(/samrad\/(\d+)/.exec(created.headers.location as string)![1]);
    const detail = await get(`/admin/samrad/${consultationId}`, 'editor');
    expect(detail.statusCode).toBe(200);
    expect(await htmlProblems(detail.body)).toEqual([]);

    for (const url of ['/strategin-tas-fram', '/en/strategin-tas-fram']) {
      const page = await get(url);
      expect(page.statusCode).toBe(200);
      expect(page.body).not.toContain(SECRET_GOAL);
      expect(page.body).not.toContain('Samråd om RUS 2040');
    }
    expect((await get(`/strategin-tas-fram/${consultationId}`)).statusCode).toBe(404);
    expect((await get('/')).body).not.toContain(`/strategin-tas-fram/${consultationId}`);
  });

  it('invites organisations by email and opens', async () => {
    const noneChosen = await post(`/admin/samrad/${consultationId}/inbjud`, 'editor', {});
    expect(noneChosen.statusCode).toBe(400);
    expect(noneChosen.body).toContain('id="organisationIds-error"');
    const before = smtp.mails.length;
    const invited = await post(`/admin/samrad/${consultationId}/inbjud`, 'editor', {
      organisationIds: [String(kalmar), String(nybro)],
    });
    expect(invited.statusCode).toBe(303);
    const mails = smtp.mails.slice(before);
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['kalmar@example.se', 'nybro@example.se']);
    expect(mails[0]!.raw).toContain(`/admin/samrad/${consultationId}/svar/`);
    expect((await post(`/admin/samrad/${consultationId}/oppna`, 'kalmar', {})).statusCode).toBe(
      403,
    );
    expect(
      (await post(`/admin/samrad/${consultationId}/oppna`, 'editor', { confirm: '1' })).statusCode,
    ).toBe(303);
    const page = await get('/strategin-tas-fram');
    expect(page.body).toContain(SECRET_GOAL);
    expect(page.body).toContain('Saknas något mål?');
    expect(await htmlProblems(page.body)).toEqual([]);
    const en = await get('/en/strategin-tas-fram');
    expect(en.body).toContain('Is a goal missing?');
    expect(en.body).toContain('Consultation on the 2040 strategy');
    expect(await htmlProblems(en.body)).toEqual([]);
    // The start page leads to the open consultation, in both languages.
    expect((await get('/')).body).toContain(`href="/strategin-tas-fram/${consultationId}"`);
    expect((await get('/en')).body).toContain(`href="/en/strategin-tas-fram/${consultationId}"`);
  });

  it('keeps a response private to its organisation until it is submitted', async () => {
    const url = `/admin/samrad/${consultationId}/svar/${kalmar}`;
    expect((await get(url, 'nybro')).statusCode).toBe(403);
    expect((await get(url, 'editor')).statusCode).toBe(403);
    expect((await post(url, 'nybro', { summary: 'Kapat svar' })).statusCode).toBe(403);
    const saved = await post(url, 'kalmar', {
      action: 'save',
      summary: 'Kalmar kommun stöder utkastet i stort.',
      [`goal-${goalId}`]: 'Målet bör mätas per kommun.',
    });
    expect(saved.statusCode).toBe(303);
    const draftPage = await get(url, 'kalmar');
    expect(draftPage.body).toContain('Målet bör mätas per kommun.');
    expect((await get('/strategin-tas-fram')).body).not.toContain('Målet bör mätas per kommun.');

    const boundary = '----riktning';
    const upload = (content: string) =>
      app.inject({
        method: 'POST',
        url: `${url}/bilaga`,
        headers: {
          ...as(session.kalmar),
          'content-type': `multipart/form-data; boundary=${boundary}`,
        },
        payload: [
          `--${boundary}`,
          'Content-Disposition: form-data; name="_csrf"',
          '',
          CSRF,
          `--${boundary}`,
          'Content-Disposition: form-data; name="file"; filename="remissvar.pdf"',
          'Content-Type: application/pdf',
          '',
          content,
          `--${boundary}--`,
          '',
        ].join('\r\n'),
      });
    const notPdf = await upload('MZ not a pdf');
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.body).toContain('id="file-error"');
    expect((await upload('%PDF-1.4\n%%EOF')).statusCode).toBe(303);

    const submitted = await post(url, 'kalmar', {
      action: 'submit',
      summary: 'Kalmar kommun stöder utkastet i stort.',
      [`goal-${goalId}`]: 'Målet bör mätas per kommun.',
    });
    expect(submitted.statusCode).toBe(303);
    const page = await get('/strategin-tas-fram');
    expect(page.body).toContain('Målet bör mätas per kommun.');
    const doc = /href="(\/strategin-tas-fram\/dokument\/\d+)"/.exec(page.body)![1]!;
    const file = await get(doc);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    // Submitted is final.
    expect((await post(url, 'kalmar', { action: 'save', summary: 'Ändrat' })).statusCode).toBe(409);
  });

  it('takes a comment, verifies it by mail, moderates it and keeps the script inert', async () => {
    const missing = await post(`/strategin-tas-fram/${consultationId}/kommentar`, null, {
      goalId: String(goalId),
      displayName: 'A',
      body: XSS,
      email: '',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain(`id="displayName-${goalId}-error"`);
    expect(missing.body).toContain(`id="email-${goalId}-error"`);
    expect(missing.body).not.toContain('<script>alert');
    expect(missing.body).toContain('&lt;script&gt;alert');

    const before = smtp.mails.length;
    const sent = await post(`/strategin-tas-fram/${consultationId}/kommentar`, null, {
      goalId: String(goalId),
      displayName: 'Medborgare <b>',
      body: XSS,
      email: 'medborgare@example.se',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toContain('skickat=verifiera');
    const mail = smtp.mails[before]!;
    expect(mail.to).toEqual(['medborgare@example.se']);
    const link = linkIn(mail, '/strategin-tas-fram/bekrafta/');
    const [row] = await database.db.select().from(consultationComments);
    expect(row!.verificationTokenHash).not.toBe(link.split('/').pop());
    expect((await get(link)).statusCode).toBe(200);
    expect((await post(link, null, {})).statusCode).toBe(200);

    const moderation = await get(`/admin/samrad/${consultationId}`, 'editor');
    expect(moderation.body).toContain('&lt;script&gt;alert');
    expect(moderation.body).not.toContain('medborgare@example.se');
    const noReason = await post(
      `/admin/samrad/${consultationId}/kommentarer/${row!.id}`,
      'editor',
      {
        decision: 'dolj',
        reason: '',
      },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain(`id="reason-${row!.id}-error"`);
    await post(`/admin/samrad/${consultationId}/kommentarer/${row!.id}`, 'editor', {
      decision: 'publicera',
    });
    const page = await get('/strategin-tas-fram');
    expect(page.body).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).toContain('Medborgare &lt;b&gt;');
    expect(page.body).not.toContain('medborgare@example.se');

    await post(`/admin/samrad/${consultationId}/kommentarer/${row!.id}`, 'editor', {
      decision: 'dolj',
      reason: 'Skadlig kod.',
    });
    expect((await get('/strategin-tas-fram')).body).not.toContain('&lt;script&gt;alert');
    const [kept] = await database.db.select().from(consultationComments);
    expect(kept).toMatchObject({ status: 'dold', moderationReason: 'Skadlig kod.', body: XSS });
  });

  it('refuses a flood from one address with a clear message', async () => {
    const send = (n: number) =>
      post(
        `/strategin-tas-fram/${consultationId}/kommentar`,
        null,
        {
          goalId: String(goalId),
          displayName: 'Flödaren',
          body: `Kommentar nummer ${n} om målet.`,
          email: `flod${n}@example.se`,
        },
        '10.7.7.7',
      );
    for (let n = 0; n < 5; n++) expect((await send(n)).statusCode).toBe(303);
    const refused = await send(5);
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Vänta en stund');
    expect(refused.body).toContain('value="Flödaren"');
  });

  it('compiles after closing and publishes the compilation page', async () => {
    expect((await get(`/admin/samrad/${consultationId}/sammanstallning`, 'editor')).body).toContain(
      'när samrådsperioden är slut',
    );
    expect(
      (await post(`/admin/samrad/${consultationId}/stang`, 'editor', { confirm: '1' })).statusCode,
    ).toBe(303);
    const late = await post(`/admin/samrad/${consultationId}/svar/${nybro}`, 'nybro', {
      action: 'submit',
      summary: 'För sent',
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('Remisstiden gick ut');
    const compile = await get(`/admin/samrad/${consultationId}/sammanstallning`, 'editor');
    expect(compile.statusCode).toBe(200);
    expect(await htmlProblems(compile.body)).toEqual([]);
    const tags = [...compile.body.matchAll(/name="(tag-(item|comment)-\d+)"/g)].map((m) => m[1]!);
    expect(tags.length).toBe(1);
    const untagged = await post(`/admin/samrad/${consultationId}/sammanstallning`, 'editor', {
      action: 'publish',
      introductionSv: 'Regionen tackar för alla synpunkter.',
    });
    expect(untagged.statusCode).toBe(400);
    expect(untagged.body).toContain(`id="${tags[0]}-error"`);
    expect(untagged.body).toContain('Regionen tackar för alla synpunkter.');
    const published = await post(`/admin/samrad/${consultationId}/sammanstallning`, 'editor', {
      action: 'publish',
      introductionSv: 'Regionen tackar för alla synpunkter.',
      [tags[0]!]: 'delvis',
      [tags[0]!.replace('tag-', 'answer-')]: 'Vi mäter per kommun där data finns.',
    });
    expect(published.statusCode).toBe(303);
    const page = await get(`/strategin-tas-fram/${consultationId}/sammanstallning`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Vi mäter per kommun där data finns.');
    expect(page.body).toContain('Delvis tillgodosedd');
    expect(await htmlProblems(page.body)).toEqual([]);
    expect((await get(`/en/strategin-tas-fram/${consultationId}/sammanstallning`)).body).toContain(
      'Partly taken up',
    );
  });
});
