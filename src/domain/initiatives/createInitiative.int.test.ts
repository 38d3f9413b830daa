import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, Db } from '../../db/client.js';
import {
  auditEvents,
  goals,
  initiatives,
  initiativeVersions,
  organisations,
} from '../../db/schema/index.js';
import { createTestDatabase, testCtx, withRollback } from '../../test/database.js';
import { buildInitiative } from '../../test/factories.js';
import { createOrganisation } from '../actors/createOrganisation.js';
import { ForbiddenError } from '../errors.js';
import { createInitiative } from './createInitiative.js';
import { transitionInitiative } from './transitionInitiative.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

async function setup(db: Db) {
  const ctx = testCtx(db);
  const org = await createOrganisation(ctx, {
    slug: 'testbolaget',
    name: 'Testbolaget AB',
    kind: 'foretag',
    orgNumber: '556677-8899',
    municipalityCode: '0880',
  });
  if (!org.ok) throw new Error(JSON.stringify(org.issues));
  const [goal] = await db.select({ id: goals.id }).from(goals).where(eq(goals.code, '4.2'));
  return { ctx, orgId: org.value.id, goalId: goal!.id };
}

describe('createInitiative', () => {
  it('stores the initiative, its links, version 1 and an audit event in one go', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, orgId, goalId } = await setup(db);
      const r = await createInitiative(
        ctx,
        buildInitiative({ ownerOrganisationId: orgId, goalIds: [goalId] }),
      );
      expect(r.ok).toBe(true);
      const id = r.ok ? r.value.id : 0;
      const [row] = await db.select().from(initiatives).where(eq(initiatives.id, id));
      expect(row?.workflowState).toBe('utkast');
      const versions = await db
        .select()
        .from(initiativeVersions)
        .where(eq(initiativeVersions.initiativeId, id));
      expect(versions.map((v) => v.version)).toEqual([1]);
      const audit = await db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityType, 'initiative'), eq(auditEvents.entityId, String(id))));
      expect(audit.map((a) => a.action)).toEqual(['initiative.created']);
      expect(audit[0]?.actorLabel).toBe('system:test');
    });
  });

  it('returns field issues for bad input and unknown references, and writes nothing', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, orgId, goalId } = await setup(db);
      const bad = await createInitiative(
        ctx,
        buildInitiative({
          ownerOrganisationId: orgId,
          goalIds: [goalId],
          endDate: '2024-01-01',
          title: 'x',
        }),
      );
      expect(bad.ok).toBe(false);
      expect(!bad.ok && bad.issues.map((i) => i.field).sort()).toEqual(['endDate', 'title']);
      const unknown = await createInitiative(
        ctx,
        buildInitiative({
          ownerOrganisationId: orgId,
          goalIds: [999_999],
          placeCodes: ['0999'],
          sdgTargetCodes: ['99.9'],
        }),
      );
      expect(!unknown.ok && unknown.issues.map((i) => i.code)).toEqual([
        'unknown',
        'unknown',
        'unknown',
      ]);
      expect(
        await db.select().from(initiatives).where(eq(initiatives.ownerOrganisationId, orgId)),
      ).toEqual([]);
    });
  });

  it('forbids an actor from registering for another organisation', async () => {
    await withRollback(database.db, async (db) => {
      const { orgId, goalId } = await setup(db);
      const ctx = testCtx(db, {
        kind: 'user',
        userId: 1,
        role: 'aktor',
        organisationIds: [orgId + 1],
        label: 'user:1',
      });
      await expect(
        createInitiative(ctx, buildInitiative({ ownerOrganisationId: orgId, goalIds: [goalId] })),
      ).rejects.toBeInstanceOf(ForbiddenError);
    });
  });

  it('moves through submit and approve and records both', async () => {
    await withRollback(database.db, async (db) => {
      const { ctx, orgId, goalId } = await setup(db);
      const r = await createInitiative(
        ctx,
        buildInitiative({ ownerOrganisationId: orgId, goalIds: [goalId] }),
      );
      const id = r.ok ? r.value.id : 0;
      await transitionInitiative(ctx, { initiativeId: id, action: 'submit' });
      const approved = await transitionInitiative(ctx, { initiativeId: id, action: 'approve' });
      expect(approved).toEqual({ id, from: 'inskickad', to: 'publicerad' });
      await expect(
        transitionInitiative(ctx, { initiativeId: id, action: 'approve' }),
      ).rejects.toMatchObject({
        code: 'invalid_transition',
        status: 409,
      });
      const [row] = await db.select().from(initiatives).where(eq(initiatives.id, id));
      expect(row?.publishedAt?.toISOString()).toBe('2026-06-15T10:00:00.000Z');
    });
  });
});

describe('createOrganisation', () => {
  it('rejects a bad organisationsnummer and a duplicate', async () => {
    await withRollback(database.db, async (db) => {
      const ctx = testCtx(db);
      const bad = await createOrganisation(ctx, {
        slug: 'x-ab',
        name: 'X AB',
        kind: 'foretag',
        orgNumber: '556677-8898',
      });
      expect(!bad.ok && bad.issues[0]).toMatchObject({ field: 'orgNumber' });
      const first = await createOrganisation(ctx, {
        slug: 'y-ab',
        name: 'Y AB',
        kind: 'foretag',
        orgNumber: '5566778899',
      });
      expect(first.ok).toBe(true);
      const dup = await createOrganisation(ctx, {
        slug: 'z-ab',
        name: 'Z AB',
        kind: 'foretag',
        orgNumber: '556677-8899',
      });
      expect(!dup.ok && dup.issues[0]).toMatchObject({ field: 'orgNumber', code: 'taken' });
      const rows = await db
        .select()
        .from(organisations)
        .where(eq(organisations.orgNumber, '5566778899'));
      expect(rows).toHaveLength(1);
    });
  });
});
