import type { FastifyInstance } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, initiatives, initiativeVersions } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type UserRole } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { loadInitiativeData } from '../../domain/initiatives/initiativeData.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { readXlsx } from '../../lib/xlsx.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn } from '../auth/testSupport.js';
import { formValuesOf } from './initiativeForm.js';

let database: Database;
let app: FastifyInstance;
let orgA: number;
let orgB: number;
let goalId: number;
let goalCode: string;
type Who = 'admin' | 'samordnare' | 'analytikerA' | 'aktorA' | 'aktorA2' | 'aktorB';
const sessions = {} as Record<Who, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  const ctx = context(database.db, systemActor('test'));
  const a = await createOrganisation(ctx, { slug: 'red-a', name: 'Redigera A', kind: 'kommun' });
  const b = await createOrganisation(ctx, { slug: 'red-b', name: 'Redigera B', kind: 'kommun' });
  if (!a.ok || !b.ok) throw new Error('organisations');
  orgA = a.value.id;
  orgB = b.value.id;
  const g = (await database.db.select({ id: goals.id, code: goals.code }).from(goals).limit(1))[0]!;
  goalId = g.id;
  goalCode = g.code;
  const people: [Who, UserRole, number[]][] = [
    ['admin', 'admin', []],
    ['samordnare', 'samordnare', []],
    ['analytikerA', 'analytiker', [orgA]],
    ['aktorA', 'aktor', [orgA]],
    ['aktorA2', 'aktor', [orgA]],
    ['aktorB', 'aktor', [orgB]],
  ];
  for (const [who, role, orgs] of people) {
    await makeUser(database.db, `${who.toLowerCase()}@example.se`, role, orgs);
    sessions[who] = (await signIn(app, `${who.toLowerCase()}@example.se`)).session!;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function initiative(owner: number, title = 'Redigerbar insats', published = false) {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({ ownerOrganisationId: owner, goalIds: [goalId], title }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  if (published) {
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'approve' });
  }
  return r.value.id;
}

const get = (who: Who, url: string) => app.inject({ url, headers: as(sessions[who]) });
const post = (who: Who, url: string, data: Record<string, string | string[]> = {}) =>
  app.inject({
    method: 'POST',
    url,
    headers: { ...as(sessions[who]), 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ _csrf: CSRF, ...data }),
  });

/** The edit form of the stored initiative as a browser would post it back. */
async function formOf(id: number, changes: Record<string, string | string[]> = {}) {
  const stored = (await loadInitiativeData(database.db, id))!;
  return { ...formValuesOf(stored.data, stored.state.version), ...changes };
}

function multipart(file: { name: string; type: string; data: Buffer } | null, csrf = CSRF) {
  const boundary = '----riktningtest';
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
  ];
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

const upload = (who: Who, file: Parameters<typeof multipart>[0]) => {
  const m = multipart(file);
  return app.inject({
    method: 'POST',
    url: '/admin/insatser/fil',
    headers: { ...as(sessions[who]), 'content-type': m.type },
    payload: m.body,
  });
};

describe('editing an initiative', () => {
  it('shows the form prefilled with the version, saves, and redirects', async () => {
    const id = await initiative(orgA);
    const page = await get('aktorA', `/admin/insatser/${id}/redigera`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Redigerbar insats"');
    expect(page.body).toContain('name="version" value="1"');
    expect(page.body).toMatch(/id="place-0880" name="placeCodes" value="0880" checked/);
    expect(await htmlProblems(page.body)).toEqual([]);
    const res = await post(
      'aktorA',
      `/admin/insatser/${id}/redigera`,
      await formOf(id, { title: 'Nytt namn', titleEn: 'New name' }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/admin/insatser/${id}?klart=sparad`);
    const stored = (await loadInitiativeData(database.db, id))!;
    expect(stored.data).toMatchObject({ title: 'Nytt namn', titleEn: 'New name' });
    expect(stored.data.funding).toHaveLength(1);
    expect(stored.state.version).toBe(2);
  });

  it('shows field errors next to the fields and keeps what was typed', async () => {
    const id = await initiative(orgA);
    const res = await post(
      'aktorA',
      `/admin/insatser/${id}/redigera`,
      await formOf(id, { summary: 'kort', title: 'Behålls <b>', endDate: '2027-02-30' }),
    );
    expect(res.statusCode).toBe(400);
    // A draft may have a short summary; a date that does not exist is refused.
    expect(res.body).not.toContain('id="summary-error"');
    expect(res.body).toContain('id="endDate-error"');
    expect(res.body).toContain('value="Behålls &lt;b&gt;"');
    expect(res.body).toContain('>kort</textarea>');
    expect((await loadInitiativeData(database.db, id))!.state.version).toBe(1);
  });

  it('answers a stale save with 409, the other change beside yours, and keeps your input', async () => {
    const id = await initiative(orgA);
    const mine = await formOf(id, { title: 'Min rubrik', placeCodes: ['0880', '0882'] });
    const theirs = await post(
      'aktorA2',
      `/admin/insatser/${id}/redigera`,
      await formOf(id, { title: 'Deras rubrik' }),
    );
    expect(theirs.statusCode).toBe(303);
    const res = await post('aktorA', `/admin/insatser/${id}/redigera`, mine);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('id="conflict-heading"');
    expect(res.body).toContain('aktora2');
    const table = res.body.split('<caption>')[1]!.split('</table>')[0]!;
    expect(table).toContain('Deras rubrik');
    expect(table).toContain('Min rubrik');
    expect(table).not.toContain('>Sammanfattning<');
    expect(res.body).toContain('value="Min rubrik"');
    expect(res.body).toMatch(/id="place-0882" name="placeCodes" value="0882" checked/);
    expect(res.body).toContain('name="version" value="2"');
    expect(await htmlProblems(res.body)).toEqual([]);
    expect((await loadInitiativeData(database.db, id))!.data.title).toBe('Deras rubrik');
    const english = await app.inject({
      method: 'POST',
      url: `/admin/insatser/${id}/redigera`,
      headers: {
        cookie: `${as(sessions.aktorA).cookie}; riktning_sprak=en`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: form({ _csrf: CSRF, ...mine }),
    });
    expect(english.statusCode).toBe(409);
    expect(english.body).toContain('Someone else saved the initiative meanwhile');
  });

  it('keeps organisations apart, guessed ids included', async () => {
    const idA = await initiative(orgA);
    const publishedA = await initiative(orgA, 'Publicerad A', true);
    const cases: [Who, string, number][] = [
      ['aktorB', `/admin/insatser/${idA}/redigera`, 404],
      ['aktorB', `/admin/insatser/${idA}/historik`, 404],
      ['aktorB', `/admin/insatser/${publishedA}/redigera`, 403],
      ['analytikerA', `/admin/insatser/${idA}/redigera`, 403],
      ['analytikerA', `/admin/insatser/${idA}/historik`, 200],
      ['samordnare', `/admin/insatser/${idA}/redigera`, 200],
      ['aktorA', '/admin/insatser/999999/historik', 404],
    ];
    for (const [who, url, status] of cases) {
      expect((await get(who, url)).statusCode, `${who} ${url}`).toBe(status);
    }
    const posts: [Who, string, number][] = [
      ['aktorB', `/admin/insatser/${idA}/redigera`, 404],
      ['aktorB', `/admin/insatser/${idA}/historik/1/aterstall`, 404],
      ['aktorB', `/admin/insatser/${idA}/arkivera`, 404],
      ['analytikerA', `/admin/insatser/${idA}/historik/1/aterstall`, 403],
      ['aktorA', `/admin/insatser/${idA}/aterstall`, 403],
    ];
    for (const [who, url, status] of posts) {
      const res = await post(who, url, await formOf(idA, { title: 'Kapad' }));
      expect(res.statusCode, `${who} POST ${url}`).toBe(status);
    }
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/admin/insatser/${idA}/redigera`,
      headers: { ...as(sessions.aktorA), 'content-type': 'application/x-www-form-urlencoded' },
      payload: form(await formOf(idA, { title: 'Utan token' })),
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await loadInitiativeData(database.db, idA))!.data.title).toBe('Redigerbar insats');
  });

  it('sends a member’s change to a published initiative for approval', async () => {
    const id = await initiative(orgA, 'Publicerad insats', true);
    const edit = await get('aktorA', `/admin/insatser/${id}/redigera`);
    expect(edit.body).toContain('Dina ändringar sparas som ett förslag');
    const res = await post(
      'aktorA',
      `/admin/insatser/${id}/redigera`,
      await formOf(id, { title: 'Föreslagen rubrik' }),
    );
    expect(res.headers.location).toBe(`/admin/insatser/${id}?klart=foreslagen`);
    expect((await app.inject(`/insatser/${id}`)).body).toContain('Publicerad insats');
    const detail = await get('aktorA', `/admin/insatser/${id}`);
    expect(detail.body).toContain('Skicka in ändringsförslaget');
    expect(detail.body).toContain('Föreslagen rubrik');
    expect(await htmlProblems(detail.body)).toEqual([]);
    const version = () => loadInitiativeData(database.db, id).then((s) => String(s!.state.version));
    expect(
      (await post('aktorA', `/admin/insatser/${id}/skicka-in`, { version: await version() }))
        .statusCode,
    ).toBe(303);
    const review = await get('samordnare', `/admin/insatser/${id}`);
    expect(review.body).toContain('Godkänn ändringsförslaget');
    const stale = await post('samordnare', `/admin/insatser/${id}/returnera`, {
      version: '1',
      comment: 'x',
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (
        await post('samordnare', `/admin/insatser/${id}/returnera`, {
          version: await version(),
          confirm: '1',
          comment: 'Behåll den gamla rubriken.',
        })
      ).statusCode,
    ).toBe(303);
    const returned = await get('aktorA', `/admin/insatser/${id}`);
    expect(returned.body).toContain('Behåll den gamla rubriken.');
    await post('aktorA', `/admin/insatser/${id}/skicka-in`, { version: await version() });
    expect(
      (
        await post('samordnare', `/admin/insatser/${id}/godkann`, {
          version: await version(),
          confirm: '1',
        })
      ).statusCode,
    ).toBe(303);
    expect((await app.inject(`/insatser/${id}`)).body).toContain('Föreslagen rubrik');
  });

  it('archives and restores as the workflow allows', async () => {
    const id = await initiative(orgA);
    const detail = await get('aktorA', `/admin/insatser/${id}`);
    expect(detail.body).toContain(`action="/admin/insatser/${id}/arkivera"`);
    expect(
      (await post('aktorA', `/admin/insatser/${id}/arkivera`, { confirm: '1' })).statusCode,
    ).toBe(303);
    expect((await get('aktorA', `/admin/insatser/${id}/redigera`)).statusCode).toBe(403);
    expect((await post('samordnare', `/admin/insatser/${id}/aterstall`)).statusCode).toBe(303);
    const [row] = await database.db.select().from(initiatives).where(eq(initiatives.id, id));
    expect(row?.workflowState).toBe('utkast');
  });
});

describe('history', () => {
  it('lists every version with a field-by-field diff and restores one as a new version', async () => {
    const id = await initiative(orgA);
    await post(
      'aktorA',
      `/admin/insatser/${id}/redigera`,
      await formOf(id, {
        title: 'Andra rubriken',
        description: 'Ett helt nytt stycke text.',
        placeCodes: ['0880', '0882'],
      }),
    );
    const page = await get('aktorA', `/admin/insatser/${id}/historik`);
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems(page.body)).toEqual([]);
    const v2 = page.body.split('id="v2"')[1]!.split('</section>')[0]!;
    expect(v2).toContain('<del>Redigerbar insats</del>');
    expect(v2).toContain('<ins>Andra rubriken</ins>');
    expect(v2).toMatch(/Tillagt:<\/p><ul><li><ins>[^<]*<\/ins>/);
    expect(v2).toMatch(/Borttaget:<\/p><ul><li><del>[^<]*<\/del>/);
    const versionTable = page.body.split('<tbody>')[1]!.split('</tbody>')[0]!;
    expect(versionTable, versionTable).toMatch(
      />2<\/a><\/td><td>[^<]+<\/td><td>aktora<\/td><td>Ändrad<\/td>/,
    );
    expect(page.body).toContain(`action="/admin/insatser/${id}/historik/1/aterstall"`);

    const stale = await post('aktorA', `/admin/insatser/${id}/historik/1/aterstall`, {
      version: '1',
    });
    expect(stale.statusCode).toBe(409);
    const res = await post('aktorA', `/admin/insatser/${id}/historik/1/aterstall`, {
      version: '2',
    });
    expect(res.statusCode).toBe(303);
    const stored = (await loadInitiativeData(database.db, id))!;
    expect(stored.data.title).toBe('Redigerbar insats');
    expect(stored.state.version).toBe(3);
    const after = await get('aktorA', `/admin/insatser/${id}/historik`);
    expect(after.body).toContain('återställd från version 1');
  });
});

describe('bulk export and import', () => {
  it('exports CSV and XLSX, imports them back, reports bad rows and writes nothing then', async () => {
    const ids = [await initiative(orgA, 'Fil ett'), await initiative(orgA, '@Fil två')];
    const other = await initiative(orgB, 'Fil B');
    expect((await get('analytikerA', '/admin/insatser/fil')).statusCode).toBe(403);
    const page = await get('aktorA', '/admin/insatser/fil');
    expect(page.statusCode).toBe(200);
    expect(await htmlProblems(page.body)).toEqual([]);

    const csv = await get('aktorA', '/admin/insatser/fil/insatser.csv?avgransare=semikolon');
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body).toContain(";'@Fil två;");
    expect(csv.body).not.toContain('Fil B');
    for (const id of ids) expect(csv.body).toContain(`\r\n${id};`);
    expect(csv.body).not.toContain(`\r\n${other};`);

    const edited = csv.body.replace('Fil ett', 'Fil ett ändrad');
    const ok = await upload('aktorA', {
      name: 'insatser.csv',
      type: 'text/csv',
      data: Buffer.from(edited),
    });
    expect(ok.statusCode).toBe(303);
    const rowCount = csv.body.trim().split('\r\n').length - 2;
    expect(ok.headers.location).toBe(`/admin/insatser/fil?klart=0-${rowCount}`);
    expect((await get('aktorA', String(ok.headers.location))).body).toContain(
      `0 nya utkast och ${rowCount} uppdaterade`,
    );
    expect((await loadInitiativeData(database.db, ids[0]!))!.data.title).toBe('Fil ett ändrad');
    expect((await loadInitiativeData(database.db, ids[1]!))!.data.title).toBe('@Fil två');

    const xlsx = await get('aktorA', '/admin/insatser/fil/insatser.xlsx');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const sheet = readXlsx(xlsx.rawPayload)[0]!;
    expect(sheet.rows[0]![0]).toBe('id');
    const header = sheet.rows[0]!;
    const bad = sheet.rows.map((r) => [...r]);
    bad[1]![header.indexOf('start_date')] = '2027-02-30';
    bad.push(header.map((h) => (h === 'title' ? 'Ny rad' : h === 'goals' ? goalCode : '')));
    const { toXlsx } = await import('../../lib/xlsx.js');
    const before = await database.db
      .select({ v: initiativeVersions.id })
      .from(initiativeVersions)
      .orderBy(asc(initiativeVersions.id));
    const failed = await upload('aktorA', {
      name: 'insatser.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: toXlsx([{ name: 'Insatser', rows: bad }]),
    });
    expect(failed.statusCode).toBe(400);
    expect(await htmlProblems(failed.body)).toEqual([]);
    const report = failed.body.split('<tbody>')[1]!.split('</tbody>')[0]!;
    expect(report).toContain('<tr><td>2</td><td>start_date</td>');
    expect(report).toContain(`<td>${bad.length}</td><td>summary</td>`);
    expect(report).toContain(`<td>${bad.length}</td><td>status</td>`);
    const afterVersions = await database.db
      .select({ v: initiativeVersions.id })
      .from(initiativeVersions)
      .orderBy(asc(initiativeVersions.id));
    expect(afterVersions).toEqual(before);
  });

  it('refuses missing, oversized and wrongly typed files with a clear message', async () => {
    const none = await upload('aktorA', null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('id="file-error"');
    const big = await upload('aktorA', {
      name: 'stor.csv',
      type: 'text/csv',
      data: Buffer.alloc(5 * 1024 * 1024 + 10, 'a'),
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('större än 5 MB');
    const exe = await upload('aktorA', {
      name: 'program.exe',
      type: 'application/octet-stream',
      data: Buffer.from('MZ'),
    });
    expect(exe.statusCode).toBe(415);
    const fakeXlsx = await upload('aktorA', {
      name: 'falsk.xlsx',
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      data: Buffer.from('title,summary\n'),
    });
    expect(fakeXlsx.statusCode).toBe(415);
    const noToken = multipart(
      { name: 'a.csv', type: 'text/csv', data: Buffer.from('title\n') },
      'fel-token-som-inte-stammer-med-kakan-000',
    );
    const csrf = await app.inject({
      method: 'POST',
      url: '/admin/insatser/fil',
      headers: { ...as(sessions.aktorA), 'content-type': noToken.type },
      payload: noToken.body,
    });
    expect(csrf.statusCode).toBe(403);
  });
});
