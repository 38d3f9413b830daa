import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { goals, users } from '../../db/schema/index.js';
import { createOrganisation } from '../../domain/actors/createOrganisation.js';
import { context, systemActor, type Actor } from '../../domain/context.js';
import { createInitiative } from '../../domain/initiatives/createInitiative.js';
import { transitionInitiative } from '../../domain/initiatives/transitionInitiative.js';
import { updateInitiative } from '../../domain/initiatives/updateInitiative.js';
import { createTestDatabase } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { buildApp } from '../app.js';
import { makeUser, signIn, listenOnLoopback } from '../auth/testSupport.js';

/**
 * Who sees what waits for approval (issue 15, row 6), over a real socket: organisation B's
 * published initiative has a change proposal waiting. Its diff, its history and the editors'
 * email addresses are for organisation B's members and the Region's curators; an actor of
 * organisation A and an analyst of no organisation see the published record only.
 */
let database: Database;
let app: FastifyInstance;
let base = '';
let id = 0;
const sessions: Record<string, string> = {};

const PUBLISHED_TITLE = 'Publicerad insats för förslagsprovet';
const PROPOSED_TITLE = 'Föreslagen rubrik som väntar på granskning';
const PUBLIC_CONTACT = 'insatser@org-b.example';
const PRIVATE_CONTACT = 'privat.forslag@org-b.example';
const EDITOR_EMAIL = 'redaktor.b@org-b.example';

beforeAll(async () => {
  database = await createTestDatabase();
  app = await buildApp({ database });
  base = await listenOnLoopback(app);
  const system = context(database.db, systemActor('test'));
  const orgIds: number[] = [];
  for (const slug of ['forslag-a', 'forslag-b']) {
    const r = await createOrganisation(system, { slug, name: slug, kind: 'kommun' });
    if (!r.ok) throw new Error('organisation');
    orgIds.push(r.value.id);
  }
  const [orgA, orgB] = orgIds as [number, number];
  const editorId = await makeUser(database.db, EDITOR_EMAIL, 'aktor', [orgB]);
  // No display name: the history then names the editor by email address.
  await database.db.update(users).set({ name: '' }).where(eq(users.id, editorId));
  const accounts: [string, string, 'aktor' | 'analytiker' | 'samordnare', number[]][] = [
    ['readerB', 'lasare.b@org-b.example', 'analytiker', [orgB]],
    ['memberA', 'aktor.a@org-a.example', 'aktor', [orgA]],
    ['loneAnalyst', 'analytiker@region.example', 'analytiker', []],
    ['curator', 'samordnare@region.example', 'samordnare', []],
  ];
  for (const [key, email, role, orgs] of accounts) {
    await makeUser(database.db, email, role, orgs);
    sessions[key] = (await signIn(app, email, { ip: '10.15.6.1' })).session!;
  }
  sessions.memberB = (await signIn(app, EDITOR_EMAIL, { ip: '10.15.6.1' })).session!;

  const editor: Actor = {
    kind: 'user',
    userId: editorId,
    role: 'aktor',
    organisationIds: [orgB],
    label: EDITOR_EMAIL,
  };
  const ctx = context(database.db, editor);
  const goalId = (await database.db.select({ id: goals.id }).from(goals).limit(1))[0]!.id;
  const input = buildInitiative({
    ownerOrganisationId: orgB,
    goalIds: [goalId],
    title: PUBLISHED_TITLE,
    contactEmail: PUBLIC_CONTACT,
  });
  const created = await createInitiative(ctx, input);
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  id = created.value.id;
  await transitionInitiative(ctx, { initiativeId: id, action: 'submit' });
  await transitionInitiative(system, { initiativeId: id, action: 'approve' });
  const published = (await database.db.query.initiatives.findFirst({
    where: (i, { eq: is }) => is(i.id, id),
  }))!.version;
  const proposed = await updateInitiative(ctx, {
    initiativeId: id,
    expectedVersion: published,
    data: { ...input, title: PROPOSED_TITLE, contactEmail: PRIVATE_CONTACT },
  });
  if (!proposed.ok) throw new Error(JSON.stringify(proposed.issues));
  await transitionInitiative(ctx, { initiativeId: id, action: 'submit' });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const page = async (path: string, who: string) => {
  const res = await fetch(`${base}${path}`, {
    headers: { cookie: `riktning_session=${sessions[who]}`, accept: 'text/html' },
    redirect: 'manual',
  });
  return { status: res.status, body: await res.text() };
};

describe('a change proposal waiting for approval', () => {
  it.each(['memberB', 'readerB', 'curator'])(
    'is shown with its diff and history to %s',
    async (who) => {
      const detail = await page(`/admin/insatser/${id}`, who);
      expect(detail.status).toBe(200);
      expect(detail.body).toContain(PUBLISHED_TITLE);
      expect(detail.body).toContain(PROPOSED_TITLE);
      expect(detail.body).toContain(PRIVATE_CONTACT);
      expect(detail.body).toContain(`/admin/insatser/${id}/historik`);
      const history = await page(`/admin/insatser/${id}/historik`, who);
      expect(history.status).toBe(200);
      expect(history.body).toContain(EDITOR_EMAIL);
      expect(history.body).toContain(PRIVATE_CONTACT);
    },
  );

  it.each(['memberA', 'loneAnalyst'])(
    'is hidden from %s, who sees the published record only',
    async (who) => {
      const detail = await page(`/admin/insatser/${id}`, who);
      expect(detail.status).toBe(200);
      expect(detail.body).toContain(PUBLISHED_TITLE);
      expect(detail.body).toContain(PUBLIC_CONTACT);
      expect(detail.body).not.toContain(PROPOSED_TITLE);
      expect(detail.body).not.toContain(PRIVATE_CONTACT);
      expect(detail.body).not.toContain(EDITOR_EMAIL);
      expect(detail.body).not.toContain('pending-heading');
      expect(detail.body).not.toContain(`/admin/insatser/${id}/historik`);
      // The history names every editor and every proposal: not found, as for a missing id.
      const history = await page(`/admin/insatser/${id}/historik`, who);
      expect(history.status).toBe(404);
      expect(history.body).not.toContain(EDITOR_EMAIL);
      expect(history.body).not.toContain(PRIVATE_CONTACT);
      expect((await page('/admin/insatser/999999/historik', who)).status).toBe(404);
    },
  );
});
