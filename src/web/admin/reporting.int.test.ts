import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { goalAreas, goals, reportReminders } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createOutboxMailer } from '../../mail/outbox.js';
import { reminderKind, sendReportReminders } from '../../jobs/reportReminders.js';
import { buildInitiative } from '../../test/factories.js';
import { createTestDatabase } from '../../test/database.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn, startMailCatcher } from '../auth/testSupport.js';
import { testConfig } from '../../test/config.js';

let database: Database;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;
let orgA: number;
let goalId: number;
let initiativeId: number;
let periodId: number;
const sessions: Record<string, string | null> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  const ctx = context(database.db, systemActor('test'));
  const a = await createOrganisation(ctx, { slug: 'rap-a', name: 'Rapportorg A', kind: 'kommun' });
  const b = await createOrganisation(ctx, { slug: 'rap-b', name: 'Rapportorg B', kind: 'foretag' });
  if (!a.ok || !b.ok) throw new Error('organisations');
  orgA = a.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const r = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: orgA,
      goalIds: [goalId],
      title: 'Rapporterande insats',
      startDate: '2019-06-01',
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  initiativeId = r.value.id;
  await transitionInitiative(ctx, { initiativeId, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId, action: 'approve' });
  // Ended before the reporting period: no report is asked of it.
  const ended = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: orgA,
      goalIds: [goalId],
      title: 'Avslutad före perioden',
      startDate: '2018-01-01',
      endDate: '2019-12-31',
    }),
  );
  if (!ended.ok) throw new Error(JSON.stringify(ended.issues));
  await transitionInitiative(ctx, { initiativeId: ended.value.id, action: 'submit' });
  await transitionInitiative(ctx, { initiativeId: ended.value.id, action: 'approve' });
  for (const [who, role, orgs] of [
    ['samordnare', 'samordnare', []],
    ['analytiker', 'analytiker', [orgA]],
    ['aktorA', 'aktor', [orgA]],
    ['aktorB', 'aktor', [b.value.id]],
  ] as const) {
    await makeUser(database.db, `${who.toLowerCase()}@rapport.example`, role, [...orgs]);
    sessions[who] = (await signIn(app, `${who.toLowerCase()}@rapport.example`)).session;
  }
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

const get = (who: string, url: string) => app.inject({ url, headers: as(sessions[who]!) });
const post = (who: string, url: string, data: Record<string, string | string[]>) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(sessions[who]!), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });

describe('reporting periods, progress reports and review', () => {
  it('lets only curators create and open periods, with field errors for bad input', async () => {
    expect((await get('aktorA', '/admin/rapportering/perioder')).statusCode).toBe(403);
    const bad = await post('samordnare', '/admin/rapportering/perioder', {
      kind: 'annan',
      nameSv: '',
      dueDate: 'igår',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ange periodens början.');
    expect(bad.body).toContain('Ange datum som ÅÅÅÅ-MM-DD, en dag som finns i kalendern.');
    const created = await post('samordnare', '/admin/rapportering/perioder', {
      kind: 'tertial',
      year: '2020',
      tertial: '1',
      dueDate: '2020-05-31',
      remindDaysBefore: '14',
    });
    expect(created.statusCode).toBe(303);
    const page = await get('samordnare', '/admin/rapportering/perioder');
    expect(page.body).toContain('Tertial 1 2020');
    periodId = Number(/perioder\/(\d+)\/oppna/.exec(page.body)![1]);
    expect(await htmlProblems(page.body)).toEqual([]);
    expect(
      (await post('aktorA', `/admin/rapportering/perioder/${periodId}/oppna`, {})).statusCode,
    ).toBe(403);
    expect(
      (await post('samordnare', `/admin/rapportering/perioder/${periodId}/oppna`, {})).statusCode,
    ).toBe(303);
  });

  it('shows the overdue initiative with its owner and a dashboard count', async () => {
    const overdue = await get('samordnare', '/admin/uppfoljning/rapporter');
    expect(overdue.statusCode).toBe(200);
    expect(overdue.body).toContain('Rapporterande insats');
    expect(overdue.body).toContain('Rapportorg A');
    expect(overdue.body).not.toContain('Avslutad före perioden');
    expect(await htmlProblems(overdue.body)).toEqual([]);
    expect((await get('samordnare', '/admin')).body).toContain('/admin/uppfoljning/rapporter');
    expect((await get('aktorA', '/admin/uppfoljning/rapporter')).statusCode).toBe(403);
    const english = await app.inject({
      url: '/admin/uppfoljning/rapporter',
      headers: { cookie: `${as(sessions.samordnare!).cookie}; riktning_sprak=en` },
    });
    expect(english.body).toContain('<html lang="en"');
    expect(english.body).toContain('Overdue and missing reports');
  });

  it('keeps owners of other organisations out and refuses a check-in without a previous report', async () => {
    const url = `/admin/rapportering/${periodId}/${initiativeId}`;
    expect((await get('aktorB', url)).statusCode).toBe(404);
    expect((await post('aktorB', url, { action: 'submit', trafficLight: 'risk' })).statusCode).toBe(
      404,
    );
    const checkIn = await post('aktorA', url, { action: 'checkin' });
    expect(checkIn.statusCode).toBe(400);
  });

  it('takes an owner from draft to submitted, is returned with mail, then published on the timeline', async () => {
    const url = `/admin/rapportering/${periodId}/${initiativeId}`;
    const hub = await get('aktorA', '/admin/rapportering');
    expect(hub.body).toContain(url);
    const form1 = await get('aktorA', url);
    expect(form1.statusCode).toBe(200);
    expect(await htmlProblems(form1.body)).toEqual([]);
    const invalid = await post('aktorA', url, {
      action: 'submit',
      trafficLight: 'risk',
      narrative: 'kort',
      'outputs.participantsK': 'tolv',
      'spentByFundingLine.0.amountSek': '5000',
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.body).toContain('Ange ett heltal.');
    expect(invalid.body).toContain('value="5000"');
    const draft = await post('aktorA', url, {
      action: 'draft',
      trafficLight: 'risk',
      narrative: 'kort',
    });
    expect(draft.statusCode).toBe(303);
    const sent = await post('aktorA', url, {
      action: 'submit',
      trafficLight: 'risk',
      narrative: 'Rekryteringen av deltagare har gått långsamt under våren.',
      deviationExplanation: 'Färre sökande än väntat; vi annonserar brett i höst.',
      'outputs.participantsK': '12',
      'outputs.participantsM': '9',
      'outputs.other.0.label': 'Kurser',
      'outputs.other.0.count': '3',
      'spentByFundingLine.0.amountSek': '50000',
    });
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toContain('klart=inskickad');
    // Not public before review.
    expect((await app.inject(`/insatser/${initiativeId}`)).body).not.toContain('Rekryteringen');
    expect(
      (await app.inject(`/api/v1/progress-reports?initiative=${initiativeId}`)).json()
        .progress_reports,
    ).toHaveLength(0);

    const queue = await get('samordnare', '/admin/rapportering/granska');
    const reportId = Number(/granska\/(\d+)/.exec(queue.body)![1]);
    expect((await get('analytiker', `/admin/rapportering/granska/${reportId}`)).statusCode).toBe(
      403,
    );
    expect(
      (await post('analytiker', `/admin/rapportering/granska/${reportId}`, { decision: 'publish' }))
        .statusCode,
    ).toBe(403);
    const noComment = await post('samordnare', `/admin/rapportering/granska/${reportId}`, {
      decision: 'return',
      comment: '',
    });
    expect(noComment.statusCode).toBe(400);
    const before = smtp.mails.length;
    const returned = await post('samordnare', `/admin/rapportering/granska/${reportId}`, {
      decision: 'return',
      comment: 'Ange hur många företag som nåtts.',
    });
    expect(returned.statusCode).toBe(303);
    // Every member of the owning organisation hears of it.
    await expect.poll(() => smtp.mails.length).toBe(before + 2);
    const mails = smtp.mails.slice(before);
    expect(mails.flatMap((m) => m.to).sort()).toEqual([
      'aktora@rapport.example',
      'analytiker@rapport.example',
    ]);
    expect(mails[0]!.raw).toContain('Ange hur många företag som nåtts.');

    const again = await get('aktorA', url);
    expect(again.body).toContain('Ange hur många företag som nåtts.');
    expect(again.body).toContain('value="50000"');
    const resubmitted = await post('aktorA', url, {
      action: 'submit',
      trafficLight: 'risk',
      narrative:
        'Rekryteringen av deltagare har gått långsamt under våren.\n\n**Risk:** färre deltagare än planerat.',
      deviationExplanation: 'Färre sökande än väntat; vi annonserar brett i höst.',
      'outputs.companiesReached': '4',
      'outputs.other.0.label': 'Workshoppar',
      'outputs.other.0.count': '3',
      'spentByFundingLine.0.amountSek': '50000',
    });
    expect(resubmitted.statusCode).toBe(303);
    expect(
      (await post('samordnare', `/admin/rapportering/granska/${reportId}`, { decision: 'publish' }))
        .statusCode,
    ).toBe(303);
    const timeline = (await app.inject(`/insatser/${initiativeId}`)).body;
    // What was written, rendered as the description is: paragraphs, emphasis, every output.
    expect(timeline).toContain('<p>Rekryteringen av deltagare har gått långsamt under våren.</p>');
    expect(timeline).toContain('<strong>Risk:</strong>');
    expect(timeline).toContain('Workshoppar</span>: 3');
    expect(timeline).toContain('Tertial 1 2020');
    expect(await htmlProblems(timeline)).toEqual([]);
    const api = (await app.inject(`/api/v1/progress-reports?initiative=${initiativeId}`)).json();
    expect(api.progress_reports).toHaveLength(1);
    expect(api.progress_reports[0].spent_sek).toBe(50000);
    // A published report cannot be changed by its owner.
    const change = await post('aktorA', url, {
      action: 'submit',
      trafficLight: 'enligt-plan',
      narrative: 'Ett försök att ändra en publicerad rapport.',
    });
    expect(change.statusCode).toBe(409);
  });
});

describe('report reminders', () => {
  it('names the reminder of the day: before the due date, then weekly after it', () => {
    expect(reminderKind('2026-06-30', 14, '2026-06-10')).toBeNull();
    expect(reminderKind('2026-06-30', 14, '2026-06-16')).toBe('fore');
    expect(reminderKind('2026-06-30', 14, '2026-06-30')).toBe('fore');
    expect(reminderKind('2026-06-30', 14, '2026-07-01')).toBe('efter-1');
    expect(reminderKind('2026-06-30', 14, '2026-07-07')).toBe('efter-1');
    expect(reminderKind('2026-06-30', 14, '2026-07-08')).toBe('efter-2');
  });

  it('mails the owners of an unreported initiative exactly once per reminder', async () => {
    const ctx = context(database.db, systemActor('test'), () => new Date('2026-06-20T06:00:00Z'));
    const period = await post('samordnare', '/admin/rapportering/perioder', {
      kind: 'ar',
      year: '2026',
      dueDate: '2026-06-30',
      remindDaysBefore: '14',
    });
    expect(period.statusCode).toBe(303);
    const page = await get('samordnare', '/admin/rapportering/perioder');
    const id = Number(/perioder\/(\d+)\/oppna/.exec(page.body)![1]);
    await post('samordnare', `/admin/rapportering/perioder/${id}/oppna`, {});
    const mailer = createOutboxMailer(
      { smtpUrl: smtp.url, from: 'riktning@example.se' },
      database.db,
    );
    const before = smtp.mails.length;
    const deps = { mailer, baseUrl: 'https://riktning.example' };
    expect((await sendReportReminders(ctx, deps)).sent).toBe(1);
    expect((await sendReportReminders(ctx, deps)).sent).toBe(0);
    await expect.poll(() => smtp.mails.length).toBe(before + 2);
    const mail = smtp.mails.at(-1)!;
    expect(
      smtp.mails
        .slice(before)
        .flatMap((m) => m.to)
        .sort(),
    ).toEqual(['aktora@rapport.example', 'analytiker@rapport.example']);
    expect(mail.raw).toContain(`https://riktning.example/admin/rapportering/${id}/${initiativeId}`);
    expect(mail.raw).toContain('In English');
    const late = context(database.db, systemActor('test'), () => new Date('2026-07-02T06:00:00Z'));
    expect((await sendReportReminders(late, deps)).sent).toBe(1);
    expect((await sendReportReminders(late, deps)).sent).toBe(0);
    const kinds = await database.db
      .select({ kind: reportReminders.kind })
      .from(reportReminders)
      .where(eq(reportReminders.reportingPeriodId, id));
    expect(kinds.map((k) => k.kind).sort()).toEqual(['efter-1', 'fore']);
  });
});

const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');

function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; content: Buffer },
) {
  const boundary = '----riktningtest';
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  const body = Buffer.concat([
    Buffer.from(parts.join('')),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
    ),
    file.content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
}

describe('evaluations, documents, logic models and the annual report', () => {
  let evaluationId: number;

  it('records an evaluation as a draft and refuses non-curators', async () => {
    expect((await get('aktorA', '/admin/utvarderingar/ny')).statusCode).toBe(403);
    const bad = await post('samordnare', '/admin/utvarderingar', { subject: '', title: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Ange en rubrik.');
    const ok = await post('samordnare', '/admin/utvarderingar', {
      subject: `initiative:${initiativeId}`,
      title: 'Halvtidsutvärdering',
      evaluator: 'Utvärderarna AB',
      method: 'Intervjuer och enkät',
      evaluatedOn: '2026-03-01',
      findings: 'Insatsen når sina deltagare men sent.',
      recommendations: 'Börja rekrytera tidigare.',
    });
    expect(ok.statusCode).toBe(303);
    evaluationId = Number(/utvarderingar\/(\d+)/.exec(ok.headers.location!)![1]);
    const page = await get('samordnare', `/admin/utvarderingar/${evaluationId}`);
    expect(await htmlProblems(page.body)).toEqual([]);
  });

  it('stores only PDFs and serves them once the evaluation is published', async () => {
    const upload = (file: { name: string; type: string; content: Buffer }, csrf = CSRF) => {
      const m = multipart({ _csrf: csrf, documentTitle: 'Slutrapport' }, file);
      return app.inject({
        method: 'POST',
        url: `/admin/utvarderingar/${evaluationId}/dokument`,
        headers: { ...as(sessions.samordnare!), 'content-type': m.type },
        payload: m.body,
      });
    };
    const fake = await upload({
      name: 'rapport.pdf',
      type: 'application/pdf',
      content: Buffer.from('<html>'),
    });
    expect(fake.statusCode).toBe(400);
    expect(fake.body).toContain('Filen är ingen PDF.');
    const wrongType = await upload({ name: 'rapport.pdf', type: 'text/html', content: pdf });
    expect(wrongType.statusCode).toBe(400);
    const big = await upload({
      name: 'stor.pdf',
      type: 'application/pdf',
      content: Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)]),
    });
    expect(big.statusCode).toBe(400);
    expect(big.body).toContain('större än 20 MB');
    expect(
      (await upload({ name: 'a.pdf', type: 'application/pdf', content: pdf }, 'x'.repeat(36)))
        .statusCode,
    ).toBe(403);
    const good = await upload({
      name: 'slutrapport 2026.pdf',
      type: 'application/pdf',
      content: pdf,
    });
    expect(good.statusCode).toBe(303);
    const page = await get('samordnare', `/admin/utvarderingar/${evaluationId}`);
    expect(page.body).toContain('Slutrapport');
    const [latest] = await queryRows<{ id: number }>(
      database.db,
      sql`select max(document_id)::int as id from evaluation_documents`,
    );
    const docId = latest!.id;
    expect((await app.inject(`/dokument/${docId}`)).statusCode).toBe(404);
    expect((await app.inject(`/insatser/${initiativeId}`)).body).not.toContain(
      'Halvtidsutvärdering',
    );
    expect(
      (await post('samordnare', `/admin/utvarderingar/${evaluationId}/publicera`, {})).statusCode,
    ).toBe(303);
    const doc = await app.inject(`/dokument/${docId}`);
    expect(doc.statusCode).toBe(200);
    expect(doc.headers['content-type']).toBe('application/pdf');
    expect(doc.headers['x-content-type-options']).toBe('nosniff');
    expect(doc.headers['content-disposition']).toMatch(
      /^attachment; filename="slutrapport 2026.pdf"/,
    );
    expect(doc.rawPayload.equals(pdf)).toBe(true);
    const publicPage = (await app.inject(`/insatser/${initiativeId}`)).body;
    expect(publicPage).toContain('Halvtidsutvärdering');
    expect(publicPage).toContain(`/dokument/${docId}`);
  });

  it('shows a published evaluation of a goal on its goal area page, with recommendations', async () => {
    const [area] = await database.db
      .select({ slug: goalAreas.slug })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .where(eq(goals.id, goalId));
    const draft = await post('samordnare', '/admin/utvarderingar', {
      subject: `goal:${goalId}`,
      title: 'Målutvärdering av kompetensförsörjning',
      evaluator: 'Regionens analysenhet',
      method: 'Registerstudie',
      evaluatedOn: '2026-02-01',
      findings: 'Målet rör sig åt rätt håll men långsamt.',
      recommendations: 'Fler insatser i norra länet.',
    });
    const id = Number(/utvarderingar\/(\d+)/.exec(draft.headers.location!)![1]);
    expect((await app.inject(`/malomraden/${area!.slug}`)).body).not.toContain('Målutvärdering');
    await post('samordnare', `/admin/utvarderingar/${id}/publicera`, {});
    const page = (await app.inject(`/malomraden/${area!.slug}`)).body;
    expect(page).toContain('Målutvärdering av kompetensförsörjning');
    expect(page).toContain('Fler insatser i norra länet.');
    expect(await htmlProblems(page)).toEqual([]);
  });

  it('saves a logic model for owners only and shows it on the public page', async () => {
    const url = `/admin/logikmodell/${initiativeId}`;
    expect((await get('aktorB', url)).statusCode).toBe(403);
    const page = await get('aktorA', url);
    expect(await htmlProblems(page.body)).toEqual([]);
    const saved = await post('aktorA', url, {
      aktivitetSv: 'Kurser för anställda\nStudiebesök',
      resultatSv: 'Utbildade anställda',
      effektSv: 'Högre kompetens i företagen',
      effektEn: 'Higher skills in companies',
      goalIds: [String(goalId)],
    });
    expect(saved.statusCode).toBe(303);
    const pub = (await app.inject(`/insatser/${initiativeId}`)).body;
    expect(pub).toContain('Logikmodell');
    expect(pub).toContain('Studiebesök');
    expect(await htmlProblems(pub)).toEqual([]);
    expect((await app.inject(`/en/insatser/${initiativeId}`)).body).toContain(
      'Higher skills in companies',
    );
  });

  it('freezes the editors’ area introductions in the published report', async () => {
    expect((await get('aktorA', '/admin/rapporter/2025')).statusCode).toBe(403);
    const [area] = await database.db.select({ id: goalAreas.id }).from(goalAreas).limit(1);
    const page = await get('samordnare', '/admin/rapporter/2025');
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems(page.body)).toEqual([]);
    const saved = await post('samordnare', '/admin/rapporter/2025', {
      introduction: 'Ett år av omställning.',
      [`areas.${area!.id}.sv`]: 'Området växte under året.',
      [`areas.${area!.id}.en`]: 'The area grew during the year.',
    });
    expect(saved.statusCode).toBe(303);
    expect((await get('samordnare', '/admin/rapporter/2025')).body).toContain(
      'Området växte under året.',
    );
    const asked = await post('samordnare', '/admin/rapporter/2025/publicera', {});
    expect(asked.statusCode).toBe(200);
    expect(asked.body.indexOf('Området växte under året.')).toBeLessThan(
      asked.body.indexOf('name="confirm"'),
    );
    expect(
      (await post('samordnare', '/admin/rapporter/2025/publicera', { confirm: '1' })).statusCode,
    ).toBe(303);
    expect((await app.inject('/utvecklingsaret/2025')).body).toContain('Området växte under året.');
    expect((await app.inject('/en/utvecklingsaret/2025')).body).toContain(
      'The area grew during the year.',
    );
    expect(
      (await post('samordnare', '/admin/rapporter/2025', { introduction: 'Ändrad' })).statusCode,
    ).toBe(409);
  });
});
