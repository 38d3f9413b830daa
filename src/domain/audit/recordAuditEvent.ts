import { auditEvents } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import type { AuditAction, AuditEntityType } from './vocabulary.js';

export interface AuditInput {
  action: AuditAction;
  entityType: AuditEntityType;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit event with the caller's transaction, so the event and the change land together. */
export async function recordAuditEvent(ctx: Ctx, input: AuditInput): Promise<void> {
  await ctx.db.insert(auditEvents).values({
    occurredAt: ctx.now(),
    actorUserId: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
    actorLabel: ctx.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: String(input.entityId),
    before: input.before === undefined ? null : jsonSafe(input.before),
    after: input.after === undefined ? null : jsonSafe(input.after),
  });
}

function jsonSafe(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)),
  );
}
