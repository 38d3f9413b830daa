import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { loadInitiativeData } from '../../domain/initiatives/initiativeData.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { testConfig } from '../../test/config.js';
import { htmlProblems } from '../../test/html.js';
import { buildApp } from '../app.js';
import { as, CSRF, form, makeUser, signIn, startMailCatcher } from '../auth/testSupport.js';

/**
 * Two people edit the same initiative: over a real socket, each save carries the version and
 * the values its form was read at, and no saved value is lost or reverted without a choice.
 */
let database: Database;
let app: FastifyInstance;
let origin: string;
let orgId: number;
let goalId: number;
type Who = 'anna' | 'bertil' | 'samordnare';
const sessions = {} as Record<Who, string>;
let smtp: Awaited<ReturnType<typeof startMailCatcher>>;

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startMailCatcher();
  app = await buildApp({ database, config: testConfig({ SMTP_URL: smtp.url }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const ctx = context(database.db, systemActor('test'));
  const o = await createOrganisation(ctx, { slug: 'merge', name: 'Sammanfoga', kind: 'kommun' });
  if (!o.ok) throw new Error('organisation');
  orgId = o.value.id;
  goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  await makeUser(database.db, 'anna@merge.se', 'aktor', [orgId]);
  await makeUser(database.db, 'bertil@merge.se', 'aktor', [orgId]);
  await makeUser(database.db, 'samordnare@merge.se', 'samordnare');
  for (const who of ['anna', 'bertil', 'samordnare'] as const) {
    sessions[who] = (await signIn(app, `${who}@merge.se`)).session!;
  }
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

async function initiative(published = false) {
  const ctx = context(database.db, systemActor('test'));
  const r = await createInitiative(
    ctx,
    buildInitiative({
      ownerOrganisationId: orgId,
      goalIds: [goalId],
      title: 'Gemensam insats',
      diarienummer: 'KS 2026/1',
    }),
  );
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  if (published) {
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'submit' });
    await transitionInitiative(ctx, { initiativeId: r.value.id, action: 'approve' });
  }
  return r.value.id;
}

/** The fields of the edit form as a browser would post them, read from the page. */
async function openForm(who: Who, id: number): Promise<Record<string, string | string[]>> {
  const res = await fetch(`${origin}/admin/insatser/${id}/redigera`, {
    headers: as(sessions[who]),
  });
  expect(res.status).toBe(200);
  return formOf(await res.text(), `/admin/insatser/${id}/redigera`);
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function formOf(page: string, action: string): Record<string, string | string[]> {
  const start = page.indexOf(`action="${action}"`);
  const body = page.slice(start, page.indexOf('</form>', start));
  const data: Record<string, string | string[]> = {};
  const add = (k: string, v: string) => {
    const old = data[k];
    data[k] = old === undefined ? v : Array.isArray(old) ? [...old, v] : [old, v];
  };
  for (const m of body.matchAll(/<input\b([^>]*)>/g)) {
    const a = m[1]!;
    const name = /name="([^"]+)"/.exec(a)?.[1];
    if (!name || name === '_csrf') continue;
    const value = decode(/value="([^"]*)"/.exec(a)?.[1] ?? '');
    if (/type="(checkbox|radio)"/.test(a) && !/\bchecked\b/.test(a)) continue;
    add(name, value);
  }
  for (const m of body.matchAll(/<textarea\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/textarea>/g)) {
    add(m[1]!, decode(m[2]!));
  }
  for (const m of body.matchAll(/<select\b[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = /<option value="([^"]*)" selected>/.exec(m[2]!);
    add(m[1]!, selected ? decode(selected[1]!) : '');
  }
  return data;
}

async function save(who: Who, id: number, data: Record<string, string | string[]>) {
  const res = await fetch(`${origin}/admin/insatser/${id}/redigera`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...as(sessions[who]), 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: CSRF, ...data }),
  });
  return { status: res.status, body: await res.text() };
}
const stored = async (id: number) => (await loadInitiativeData(database.db, id))!;

describe('three-way merge of initiative edits', () => {
  it('keeps both changes when two people change different fields', async () => {
    const id = await initiative();
    const anna = await openForm('anna', id);
    const bertil = await openForm('bertil', id);
    expect((await save('bertil', id, { ...bertil, title: 'Bertils rubrik' })).status).toBe(303);
    expect((await save('anna', id, { ...anna, diarienummer: 'KS 2026/2' })).status).toBe(303);
    const s = await stored(id);
    expect([s.data.title, s.data.diarienummer]).toEqual(['Bertils rubrik', 'KS 2026/2']);
  });

  it('shows a field both changed side by side and saves nothing until it is chosen', async () => {
    const id = await initiative();
    const anna = await openForm('anna', id);
    const bertil = await openForm('bertil', id);
    expect(
      (await save('bertil', id, { ...bertil, title: 'Bertils rubrik', diarienummer: 'KS 2026/9' }))
        .status,
    ).toBe(303);
    const clash = await save('anna', id, { ...anna, title: 'Annas rubrik' });
    expect(clash.status).toBe(409);
    expect(clash.body).toContain('name="choice.title"');
    expect(clash.body).not.toContain('name="choice.diarienummer"');
    expect(await htmlProblems(clash.body)).toEqual([]);
    expect((await stored(id)).data.title).toBe('Bertils rubrik');

    // Posting again without a choice changes nothing either.
    const again = formOf(clash.body, `/admin/insatser/${id}/redigera`);
    expect(again.diarienummer).toBe('KS 2026/9');
    expect((await save('anna', id, again)).status).toBe(409);
    expect((await stored(id)).data.title).toBe('Bertils rubrik');

    expect((await save('anna', id, { ...again, 'choice.title': 'theirs' })).status).toBe(303);
    let s = await stored(id);
    expect([s.data.title, s.data.diarienummer]).toEqual(['Bertils rubrik', 'KS 2026/9']);

    const anna2 = await openForm('anna', id);
    const bertil2 = await openForm('bertil', id);
    await save('bertil', id, { ...bertil2, title: 'Bertil igen' });
    const clash2 = await save('anna', id, { ...anna2, title: 'Anna igen' });
    const chosen = formOf(clash2.body, `/admin/insatser/${id}/redigera`);
    expect((await save('anna', id, { ...chosen, 'choice.title': 'mine' })).status).toBe(303);
    s = await stored(id);
    expect(s.data.title).toBe('Anna igen');
  });

  it('moves a pending proposal onto a curator’s edit, and approving it reverts nothing', async () => {
    const id = await initiative(true);
    const proposal = await openForm('anna', id);
    expect((await save('anna', id, { ...proposal, title: 'Föreslagen rubrik' })).status).toBe(303);
    const curatorPage = await fetch(`${origin}/admin/insatser/${id}/redigera`, {
      headers: as(sessions.samordnare),
    }).then((r) => r.text());
    expect(curatorPage).toContain('Ett ändringsförslag är öppet');
    expect(curatorPage).toContain('Föreslagen rubrik');
    const curator = formOf(curatorPage, `/admin/insatser/${id}/redigera`);
    expect(curator.title).toBe('Gemensam insats');
    const overview = () =>
      fetch(`${origin}/admin`, { headers: as(sessions.anna) }).then((r) => r.text());
    expect(await overview()).not.toContain('Dina ändringsförslag bygger på en ny version');
    const mailsBefore = smtp.mails.length;
    expect((await save('samordnare', id, { ...curator, diarienummer: 'KS 2026/777' })).status).toBe(
      303,
    );
    // The proposal's author is told by mail (Swedish and English) and on her overview.
    await expect.poll(() => smtp.mails.length).toBe(mailsBefore + 1);
    const mail = smtp.mails.at(-1)!;
    expect(mail.to).toEqual(['anna@merge.se']);
    expect(mail.raw).toContain('Förslaget bygger nu på den nya versionen');
    expect(mail.raw).toContain('The proposal now builds on the new version');
    expect(mail.raw).toContain(`/admin/insatser/${id}`);
    const annas = await overview();
    expect(annas).toContain('Dina ändringsförslag bygger på en ny version');
    expect(annas).toContain(`href="/admin/insatser/${id}"`);
    // Not on the overview of an organisation that is not the owner.
    const others = await fetch(`${origin}/admin`, { headers: as(sessions.samordnare) });
    expect(await others.text()).not.toContain('Dina ändringsförslag bygger på en ny version');
    let s = await stored(id);
    expect(s.pending?.title).toBe('Föreslagen rubrik');
    expect(s.pending?.diarienummer).toBe('KS 2026/777');
    const annaView = await fetch(`${origin}/admin/insatser/${id}`, { headers: as(sessions.anna) });
    expect(await annaView.text()).toContain('Förslaget bygger nu på den nya versionen');

    const submit = (await stored(id)).state.version;
    await post('anna', `/admin/insatser/${id}/skicka-in`, { version: String(submit) });
    const v = String((await stored(id)).state.version);
    expect(
      (await post('samordnare', `/admin/insatser/${id}/godkann`, { version: v, confirm: '1' }))
        .status,
    ).toBe(303);
    s = await stored(id);
    expect([s.data.title, s.data.diarienummer, s.pending]).toEqual([
      'Föreslagen rubrik',
      'KS 2026/777',
      null,
    ]);
  });

  it('asks the approver to choose where a proposal and a later edit changed the same field', async () => {
    const id = await initiative(true);
    const proposal = await openForm('anna', id);
    await save('anna', id, { ...proposal, diarienummer: 'KS 2026/555' });
    const curator = await openForm('samordnare', id);
    await save('samordnare', id, { ...curator, diarienummer: 'KS 2026/777' });
    await post('anna', `/admin/insatser/${id}/skicka-in`, {
      version: String((await stored(id)).state.version),
    });
    const v = String((await stored(id)).state.version);
    const asked = await post('samordnare', `/admin/insatser/${id}/godkann`, {
      version: v,
      confirm: '1',
    });
    expect(asked.status).toBe(200);
    expect(asked.body).toContain('name="choice.diarienummer"');
    expect((await stored(id)).data.diarienummer).toBe('KS 2026/777');
    expect(
      (
        await post('samordnare', `/admin/insatser/${id}/godkann`, {
          version: v,
          confirm: '1',
          conflicts: 'diarienummer',
          'choice.diarienummer': 'theirs',
        })
      ).status,
    ).toBe(303);
    const s = await stored(id);
    expect([s.data.diarienummer, s.pending]).toEqual(['KS 2026/777', null]);
  });
});

async function post(who: Who, path: string, data: Record<string, string>) {
  const res = await fetch(`${origin}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...as(sessions[who]), 'content-type': 'application/x-www-form-urlencoded' },
    body: form({ _csrf: CSRF, ...data }),
  });
  return { status: res.status, body: await res.text() };
}
