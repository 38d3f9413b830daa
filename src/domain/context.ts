import type { Db } from '../db/client.js';
import { noteDataChanged } from './dataChanges.js';

export type UserRole = 'admin' | 'samordnare' | 'analytiker' | 'aktor';

/** Who is acting. System actors (seed, import, cli) are named so the audit log reads well. */
export type Actor =
  | { kind: 'system'; label: string }
  | { kind: 'user'; userId: number; role: UserRole; organisationIds: number[]; label: string };

export interface Ctx {
  db: Db;
  actor: Actor;
  now: () => Date;
}

export const systemActor = (label: string): Actor => ({ kind: 'system', label: `system:${label}` });

export function context(db: Db, actor: Actor, now: () => Date = () => new Date()): Ctx {
  return { db, actor, now };
}

/** Runs fn in a transaction; nested calls become savepoints. Caches hear of the change after it. */
export async function inTransaction<T>(ctx: Ctx, fn: (tx: Ctx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction((tx) => fn({ ...ctx, db: tx as unknown as Db }));
  } finally {
    noteDataChanged();
  }
}
