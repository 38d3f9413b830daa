import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import {
  apiTokens,
  auditEvents,
  idempotencyKeys,
  invitations,
  loginAttempts,
  organisations,
  passwordResets,
  pendingSignIns,
  sessions,
  users,
} from '../db/schema/index.js';
import { context, systemActor } from '../domain/context.js';
import { createTestDatabase, withRollback } from '../test/database.js';
import { enqueueJob } from '../db/jobQueue.js';
import { PURGE_ACCOUNTS, purgeAccountData } from './purgeAccounts.js';
import { defaultRegistry } from './registry.js';
import { createWorker, nightlySchedule } from './worker.js';

let database: Database;
const now = new Date('2026-06-15T10:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** One row of each kind that must go and one that must stay; names say which. */
async function fixtures(db: Database['db']) {
  const [u] = await db
    .insert(users)
    .values({ email: 'purge@example.se', role: 'aktor' })
    .returning({ id: users.id });
  const userId = u!.id;
  const session = (id: string, created: Date, expires: Date, revoked: Date | null) => ({
    id,
    userId,
    createdAt: created,
    lastSeenAt: created,
    expiresAt: expires,
    revokedAt: revoked,
  });
  await db
    .insert(sessions)
    .values([
      session('gone-revoked', daysAgo(40), daysAgo(39), daysAgo(40)),
      session('gone-expired', daysAgo(35), daysAgo(35), null),
      session('kept-recently-revoked', daysAgo(5), daysAgo(4), daysAgo(5)),
      session('kept-live', hoursAgo(1), hoursAgo(-11), null),
    ]);
  await db.insert(loginAttempts).values([
    { key: 'gone', at: hoursAgo(25) },
    { key: 'kept', at: hoursAgo(1) },
  ]);
  const reset = (tokenHash: string, expires: Date, used: Date | null) => ({
    tokenHash,
    userId,
    createdAt: daysAgo(60),
    expiresAt: expires,
    usedAt: used,
  });
  await db
    .insert(passwordResets)
    .values([
      reset('gone-used', daysAgo(1), daysAgo(31)),
      reset('gone-expired', daysAgo(31), null),
      reset('kept-used-lately', daysAgo(1), daysAgo(2)),
      reset('kept-open', hoursAgo(-1), null),
    ]);
  const invite = (tokenHash: string, expires: Date, accepted: Date | null) => ({
    tokenHash,
    email: `${tokenHash}@example.se`,
    role: 'aktor' as const,
    createdAt: daysAgo(60),
    expiresAt: expires,
    acceptedAt: accepted,
  });
  await db
    .insert(invitations)
    .values([
      invite('gone-accepted', daysAgo(20), daysAgo(45)),
      invite('gone-lapsed', daysAgo(31), null),
      invite('kept-accepted-lately', daysAgo(1), daysAgo(3)),
      invite('kept-open', daysAgo(-6), null),
    ]);
  const [org] = await db
    .insert(organisations)
    .values({ slug: 'purge-org', name: 'Rensningsprovets organisation', kind: 'kommun' })
    .returning({ id: organisations.id });
  const [token] = await db
    .insert(apiTokens)
    .values({
      organisationId: org!.id,
      name: 'Rensningsprov',
      tokenHash: 'purge-token-hash',
      prefix: 'rk_purge',
      createdByUserId: userId,
    })
    .returning({ id: apiTokens.id });
  const key = (name: string, created: Date) => ({
    tokenId: token!.id,
    key: name,
    requestHash: 'hash',
    responseStatus: 201,
    responseBody: { id: 1 },
    createdAt: created,
  });
  await db
    .insert(idempotencyKeys)
    .values([
      key('gone-old', daysAgo(3)),
      key('gone-just-past-a-day', hoursAgo(24.5)),
      key('kept-hour', hoursAgo(1)),
      key('kept-within-a-day', hoursAgo(23)),
    ]);
  const mail = (to: string, status: string, finished: Date | null) =>
    db.execute(
      sql`insert into jobs (kind, payload, status, finished_at, created_at)
        values ('mail.send', ${JSON.stringify({ to, subject: 'Ämne' })}::jsonb, ${status},
          ${finished?.toISOString() ?? null}::timestamptz, ${daysAgo(60).toISOString()}::timestamptz)`,
    );
  await mail('gone-delivered', 'done', daysAgo(40));
  await mail('gone-given-up', 'failed', daysAgo(45));
  await mail('kept-delivered-yesterday', 'done', daysAgo(1));
  await mail('kept-waiting', 'queued', null);
}

const left = async (db: Database['db']) => {
  const names = async (table: string, column: string) =>
    (
      await queryRows<{ v: string }>(db, sql.raw(`select ${column} as v from ${table} order by 1`))
    ).map((r) => r.v);
  return {
    sessions: await names('sessions', 'id'),
    loginAttempts: await names('login_attempts', 'key'),
    passwordResets: await names('password_resets', 'token_hash'),
    invitations: await names('invitations', 'token_hash'),
    idempotencyKeys: await names('idempotency_keys', 'key'),
    mails: await names("jobs where kind = 'mail.send'", "payload->>'to'"),
  };
};

describe('purging spent account data', () => {
  it('deletes ended sessions, old failed sign-ins, spent links, invitations and day-old idempotency keys, and nothing live', async () => {
    await withRollback(database.db, async (db) => {
      await fixtures(db);
      const [user] = await db
        .insert(users)
        .values({ email: 'halv@example.se', role: 'admin' })
        .returning();
      const half = (id: string, expiresAt: Date, endedAt: Date | null) => ({
        id,
        userId: user!.id,
        createdAt: daysAgo(9),
        expiresAt,
        endedAt,
        ip: '192.0.2.1',
      });
      await db
        .insert(pendingSignIns)
        .values([
          half('ended-two-days-ago', daysAgo(1), daysAgo(2)),
          half('expired-three-days-ago', daysAgo(3), null),
          half('kept-open', new Date(now.getTime() + 60_000), null),
          half('kept-ended-an-hour-ago', daysAgo(0), new Date(now.getTime() - 3_600_000)),
        ]);
      const counts = await purgeAccountData(context(db, systemActor('jobs'), () => now));
      expect(counts).toEqual({
        sessions: 2,
        loginAttempts: 1,
        passwordResets: 2,
        invitations: 2,
        idempotencyKeys: 2,
        mails: 2,
        halfSessions: 2,
      });
      const kept = await db.select({ id: pendingSignIns.id }).from(pendingSignIns);
      expect(kept.map((k) => k.id).sort()).toEqual(['kept-ended-an-hour-ago', 'kept-open']);
      const rest = await left(db);
      for (const list of Object.values(rest)) {
        expect(list.every((v) => v.startsWith('kept'))).toBe(true);
      }
      expect(rest.sessions).toHaveLength(2);
      expect(rest.passwordResets).toHaveLength(2);
      expect(rest.invitations).toHaveLength(2);
      expect(rest.idempotencyKeys).toEqual(['kept-hour', 'kept-within-a-day']);
      expect(rest.mails).toEqual(['kept-delivered-yesterday', 'kept-waiting']);
      const audit = await db
        .select({ after: auditEvents.after })
        .from(auditEvents)
        .where(sql`${auditEvents.action} = 'accounts.purged'`);
      expect(audit).toEqual([{ after: { ...counts, days: 30 } }]);
    });
  });

  it('keeps more with a longer period', async () => {
    await withRollback(database.db, async (db) => {
      await fixtures(db);
      const counts = await purgeAccountData(
        context(db, systemActor('jobs'), () => now),
        {
          days: 38,
        },
      );
      expect(counts.sessions).toBe(1);
      expect(counts.invitations).toBe(1);
      expect(counts.mails).toBe(2);
    });
  });

  it('runs as a scheduled job of the worker', async () => {
    expect(nightlySchedule.map((s) => s.kind)).toContain(PURGE_ACCOUNTS);
    await withRollback(database.db, async (db) => {
      await fixtures(db);
      await enqueueJob(db, { kind: PURGE_ACCOUNTS, runAt: now });
      const worker = createWorker({
        db,
        registry: defaultRegistry({ koladaBaseUrl: '', scbV1BaseUrl: '', scbV2BaseUrl: '' }),
        now: () => now,
      });
      const result = await worker.runOnce();
      expect(result?.status).toBe('done');
      const rest = await left(db);
      expect(rest.sessions).toEqual(['kept-live', 'kept-recently-revoked']);
      expect(rest.idempotencyKeys).toEqual(['kept-hour', 'kept-within-a-day']);
      expect(rest.mails).toEqual(['kept-delivered-yesterday', 'kept-waiting']);
    });
  });
});
