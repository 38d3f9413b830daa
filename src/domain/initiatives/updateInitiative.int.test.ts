import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import {
  auditEvents,
  fundingLines,
  goals,
  initiatives,
  initiativeVersions,
  memberships,
  users,
} from '../../db/schema/index.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import type { Actor, UserRole } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { createInitiative } from './createInitiative.js';
import { loadInitiativeData } from './initiativeData.js';
import { listVersions } from './initiativeVersions.js';
import { restoreInitiativeVersion } from './restoreInitiativeVersion.js';
import { transitionInitiative } from './transitionInitiative.js';
import { updateInitiative } from './updateInitiative.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function person(db: Db, name: string, role: UserRole, orgs: number[]): Promise<Actor> {
  const [u] = await db
    .insert(users)
    .values({ email: `${name}@example.se`, name, role })
    .returning({ id: users.id });
  for (const organisationId of orgs) {
    await db.insert(memberships).values({ userId: u!.id, organisationId });
  }
  return { kind: 'user', userId: u!.id, role, organisationIds: orgs, label: `user:${u!.id}` };
}

async function setup(db: Db) {
  const sys = testCtx(db);
  const a = await createOrganisation(sys, { slug: 'org-a', name: 'Org A', kind: 'kommun' });
  const b = await createOrganisation(sys, { slug: 'org-b', name: 'Org B', kind: 'foretag' });
  if (!a.ok || !b.ok) throw new Error('organisations');
  const goalRows = await db.select({ id: goals.id }).from(goals).limit(2);
  const orgA = a.value.id;
  const orgB = b.value.id;
  const ctxOf = async (name: string, role: UserRole, orgs: number[]) =>
    testCtx(db, await person(db, name, role, orgs));
  const anna = await ctxOf('Anna', 'aktor', [orgA]);
  const bo = await ctxOf('Bo', 'aktor', [orgA]);
  const berit = await ctxOf('Berit', 'aktor', [orgB]);
  const reader = await ctxOf('Rut', 'analytiker', [orgA]);
  const editor = await ctxOf('Sam', 'samordnare', []);
  const input = buildInitiative({ ownerOrganisationId: orgA, goalIds: [goalRows[0]!.id] });
  const created = await createInitiative(anna, input);
  if (!created.ok) throw new Error(JSON.stringify(created.issues));
  const id = created.value.id;
  return {
    sys,
    orgA,
    orgB,
    goalIds: goalRows.map((g) => g.id),
    anna,
    bo,
    berit,
    reader,
    editor,
    input,
    id,
  };
}

const versionsOf = async (db: Db, id: number) =>
  (
    await db
      .select({ version: initiativeVersions.version })
      .from(initiativeVersions)
      .where(eq(initiativeVersions.initiativeId, id))
      .orderBy(asc(initiativeVersions.version))
  ).map((v) => v.version);

const auditOf = async (db: Db, id: number) =>
  (
    await db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.entityType, 'initiative'), eq(auditEvents.entityId, String(id))))
      .orderBy(asc(auditEvents.id))
  ).map((a) => a.action);

describe('updateInitiative', () => {
  it('saves every field as a new version with an audit event, replacing the relations', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const r = await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: 1,
        data: {
          ...s.input,
          title: 'Nytt namn på insatsen',
          titleEn: 'A new name',
          goalIds: s.goalIds,
          placeCodes: ['0880'],
          partners: [{ organisationId: s.orgB, role: 'implementer' }],
          funding: [
            { source: 'kommun', amountSek: 100, year: 2025 },
            { source: 'eruf', amountSek: 200, year: 2026, funderOrganisationId: s.orgB },
          ],
        },
      });
      expect(r).toEqual({
        ok: true,
        value: { id: s.id, version: 2, mode: 'direct', rebased: false },
      });
      const stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.data.title).toBe('Nytt namn på insatsen');
      expect(stored.data.titleEn).toBe('A new name');
      expect(stored.data.placeCodes).toEqual(['0880']);
      expect(stored.data.goalIds).toEqual([...s.goalIds].sort((x, y) => x - y));
      expect(stored.data.partners).toEqual([{ organisationId: s.orgB, role: 'implementer' }]);
      expect(
        (await db.select().from(fundingLines).where(eq(fundingLines.initiativeId, s.id))).length,
      ).toBe(2);
      expect(stored.state.version).toBe(2);
      expect(await versionsOf(db, s.id)).toEqual([1, 2]);
      expect(await auditOf(db, s.id)).toEqual(['initiative.created', 'initiative.updated']);
    });
  });

  it('refuses a stale save without writing, and says who changed what and when', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const first = await updateInitiative(s.bo, {
        initiativeId: s.id,
        expectedVersion: 1,
        data: { ...s.input, title: 'Bos rubrik' },
      });
      expect(first.ok).toBe(true);
      const stale = await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: 1,
        data: { ...s.input, title: 'Annas rubrik' },
      });
      expect(stale.ok).toBe(false);
      if (stale.ok) return;
      expect(stale.issues[0]?.code).toBe('stale_version');
      expect(stale.conflict).toMatchObject({ version: 2, changedBy: 'Bo' });
      expect(stale.conflict?.values.title).toBe('Bos rubrik');
      expect((await loadInitiativeData(db, s.id))!.data.title).toBe('Bos rubrik');
      expect(await versionsOf(db, s.id)).toEqual([1, 2]);
      expect(await auditOf(db, s.id)).toEqual(['initiative.created', 'initiative.updated']);
    });
  });

  it('returns field issues for invalid data and writes nothing', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const r = await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: 1,
        data: { ...s.input, title: 'x', goalIds: [999_999] },
      });
      expect(!r.ok && r.issues.map((i) => i.field)).toEqual(['title']);
      const refs = await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: 1,
        data: { ...s.input, goalIds: [999_999] },
      });
      expect(!refs.ok && refs.issues.map((i) => i.code)).toEqual(['unknown']);
      expect(await versionsOf(db, s.id)).toEqual([1]);
    });
  });

  it('keeps the published record while a member’s change waits for approval', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      await transitionInitiative(s.anna, { initiativeId: s.id, action: 'submit' });
      await transitionInitiative(s.editor, {
        initiativeId: s.id,
        action: 'return',
        comment: 'Ange budgeten.',
      });
      let [row] = await db.select().from(initiatives).where(eq(initiatives.id, s.id));
      expect(row?.returnComment).toBe('Ange budgeten.');
      await transitionInitiative(s.anna, { initiativeId: s.id, action: 'submit' });
      await transitionInitiative(s.editor, { initiativeId: s.id, action: 'approve' });
      [row] = await db.select().from(initiatives).where(eq(initiatives.id, s.id));
      expect(row?.workflowState).toBe('publicerad');
      const published = row!.version;

      const proposed = await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: published,
        data: { ...s.input, title: 'Föreslagen rubrik' },
      });
      expect(proposed).toMatchObject({ ok: true, value: { mode: 'proposal' } });
      let stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.data.title).toBe(s.input.title);
      expect(stored.pending?.title).toBe('Föreslagen rubrik');
      expect(stored.state).toMatchObject({ workflowState: 'publicerad', pendingState: 'utkast' });

      await transitionInitiative(s.anna, { initiativeId: s.id, action: 'submit' });
      await expect(
        updateInitiative(s.anna, {
          initiativeId: s.id,
          expectedVersion: published + 2,
          data: { ...s.input, title: 'Under granskning' },
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await transitionInitiative(s.editor, {
        initiativeId: s.id,
        action: 'return',
        comment: 'Rubriken är för lång.',
      });
      stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.state).toMatchObject({
        workflowState: 'publicerad',
        pendingState: 'returnerad',
        pendingComment: 'Rubriken är för lång.',
      });
      const fixed = await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: stored.state.version,
        data: { ...s.input, title: 'Kort rubrik' },
      });
      expect(fixed.ok).toBe(true);
      await transitionInitiative(s.anna, { initiativeId: s.id, action: 'submit' });
      expect((await loadInitiativeData(db, s.id))!.data.title).toBe(s.input.title);
      const approved = await transitionInitiative(s.editor, {
        initiativeId: s.id,
        action: 'approve',
      });
      expect(approved).toMatchObject({ from: 'inskickad', to: 'publicerad' });
      stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.data.title).toBe('Kort rubrik');
      expect(stored.pending).toBeNull();
      expect(stored.state.pendingState).toBeNull();

      const versions = await listVersions(db, s.id);
      expect(versions.map((v) => v.version)).toEqual(
        Array.from({ length: stored.state.version }, (_, i) => i + 1),
      );
      expect(versions.map((v) => v.step?.action)).toEqual([
        'created',
        'submit',
        'return',
        'submit',
        'approve',
        'change_proposed',
        'change_submitted',
        'change_returned',
        'change_proposed',
        'change_submitted',
        'change_approved',
      ]);
      expect(versions.at(-1)?.data.title).toBe('Kort rubrik');
      expect(await auditOf(db, s.id)).toContain('initiative.change_approved');
    });
  });

  it('lets an editor change a published initiative directly', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      await transitionInitiative(s.sys, { initiativeId: s.id, action: 'submit' });
      await transitionInitiative(s.sys, { initiativeId: s.id, action: 'approve' });
      const r = await updateInitiative(s.editor, {
        initiativeId: s.id,
        expectedVersion: 3,
        data: { ...s.input, title: 'Rättad av Regionen' },
      });
      expect(r).toMatchObject({ ok: true, value: { version: 4, mode: 'direct' } });
      expect((await loadInitiativeData(db, s.id))!.data.title).toBe('Rättad av Regionen');
    });
  });

  it('restores an earlier version as a new version, with the lock and the policy', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: 1,
        data: { ...s.input, title: 'Andra versionen', placeCodes: ['0880'] },
      });
      const stale = await restoreInitiativeVersion(s.anna, {
        initiativeId: s.id,
        version: 1,
        expectedVersion: 1,
      });
      expect(!stale.ok && stale.conflict?.version).toBe(2);
      await expect(
        restoreInitiativeVersion(s.berit, { initiativeId: s.id, version: 1, expectedVersion: 2 }),
      ).rejects.toBeInstanceOf(NotFoundError);
      await expect(
        restoreInitiativeVersion(s.reader, { initiativeId: s.id, version: 1, expectedVersion: 2 }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      const r = await restoreInitiativeVersion(s.anna, {
        initiativeId: s.id,
        version: 1,
        expectedVersion: 2,
      });
      expect(r).toMatchObject({ ok: true, value: { version: 3 } });
      const stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.data.title).toBe(s.input.title);
      expect(stored.data.placeCodes).toEqual(['0880', '0881']);
      const versions = await listVersions(db, s.id);
      expect(versions.at(-1)?.step).toMatchObject({ action: 'restored', restoredFromVersion: 1 });
      expect(await auditOf(db, s.id)).toContain('initiative.version_restored');
    });
  });

  it('keeps organisations apart: another organisation’s member gets not found or forbidden', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      const attempt = (ctx: typeof s.anna, owner = s.orgA) =>
        updateInitiative(ctx, {
          initiativeId: s.id,
          expectedVersion: 1,
          data: { ...s.input, ownerOrganisationId: owner, title: 'Kapad' },
        });
      await expect(attempt(s.berit)).rejects.toBeInstanceOf(NotFoundError);
      await expect(attempt(s.reader)).rejects.toBeInstanceOf(ForbiddenError);
      const moved = await attempt(s.anna, s.orgB);
      expect(!moved.ok && moved.issues[0]?.code).toBe('forbidden');
      await transitionInitiative(s.sys, { initiativeId: s.id, action: 'submit' });
      await transitionInitiative(s.sys, { initiativeId: s.id, action: 'approve' });
      await expect(
        updateInitiative(s.berit, {
          initiativeId: s.id,
          expectedVersion: 3,
          data: { ...s.input, title: 'Kapad' },
        }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        updateInitiative(s.anna, {
          initiativeId: 999_999,
          expectedVersion: 1,
          data: s.input,
        }),
      ).rejects.toBeInstanceOf(NotFoundError);
      expect((await loadInitiativeData(db, s.id))!.data.title).toBe(s.input.title);
    });
  });

  it('archives instead of deleting, closing an open change, and restores as it was', async () => {
    await withRollback(database.db, async (db) => {
      const s = await setup(db);
      await transitionInitiative(s.sys, { initiativeId: s.id, action: 'submit' });
      await transitionInitiative(s.sys, { initiativeId: s.id, action: 'approve' });
      await updateInitiative(s.anna, {
        initiativeId: s.id,
        expectedVersion: 3,
        data: { ...s.input, title: 'Förslag' },
      });
      // A member cannot take a published initiative offline; the Region does.
      await expect(
        transitionInitiative(s.anna, { initiativeId: s.id, action: 'archive', expectedVersion: 4 }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await expect(
        transitionInitiative(s.editor, {
          initiativeId: s.id,
          action: 'archive',
          expectedVersion: 3,
        }),
      ).rejects.toMatchObject({ status: 409, code: 'stale_version' });
      await transitionInitiative(s.editor, {
        initiativeId: s.id,
        action: 'archive',
        expectedVersion: 4,
      });
      let stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.state).toMatchObject({ workflowState: 'arkiverad', pendingState: null });
      expect(stored.pending).toBeNull();
      await expect(
        transitionInitiative(s.anna, { initiativeId: s.id, action: 'restore' }),
      ).rejects.toBeInstanceOf(ForbiddenError);
      await transitionInitiative(s.editor, { initiativeId: s.id, action: 'restore' });
      stored = (await loadInitiativeData(db, s.id))!;
      expect(stored.state.workflowState).toBe('publicerad');
      expect(await versionsOf(db, s.id)).toEqual([1, 2, 3, 4, 5, 6]);
    });
  });
});
