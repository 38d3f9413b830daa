import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import {
  goalAreas,
  goals,
  initiatives,
  organisations,
  perspectives,
  strategies,
} from '../../db/schema/index.js';
import { isCurator } from '../actors/policies.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Actor, type Ctx } from '../context.js';
import { DomainError } from '../errors.js';
import {
  bulkColumns,
  columnOfField,
  fromBulkRow,
  requiredColumns,
  toBulkRow,
  type BulkCodes,
  type BulkColumn,
} from './bulkFormat.js';
import type { BulkTable } from './bulkFile.js';
import { createInitiative } from './createInitiative.js';
import { loadInitiativesData } from './initiativeData.js';
import { initiativeSchema, type InitiativeDraftInput } from './initiativeSchema.js';
import { parseInput } from '../result.js';
import { initiativePolicy } from './policies.js';
import { updateInitiative } from './updateInitiative.js';

/** The most rows one file may hold. */
export const MAX_BULK_ROWS = 2000;

export interface BulkIssue {
  /** The line of the file (the header is line 1 unless comments come before it). */
  row: number;
  column: string;
  message: string;
}

export type BulkImportResult =
  | { ok: true; created: number; updated: number }
  | { ok: false; issues: BulkIssue[] };

/** Goal codes and perspective slugs of the current strategy, and organisation names. */
async function bulkCodes(db: Db): Promise<BulkCodes> {
  const [goalRows, perspectiveRows, orgRows] = await Promise.all([
    db
      .select({ id: goals.id, code: goals.code, current: strategies.isCurrent })
      .from(goals)
      .innerJoin(goalAreas, eq(goalAreas.id, goals.goalAreaId))
      .innerJoin(strategies, eq(strategies.id, goalAreas.strategyId)),
    db
      .select({ id: perspectives.id, slug: perspectives.slug, current: strategies.isCurrent })
      .from(perspectives)
      .innerJoin(strategies, eq(strategies.id, perspectives.strategyId)),
    db.select({ id: organisations.id, name: organisations.name }).from(organisations),
  ]);
  const goalById = new Map(goalRows.map((g) => [g.id, g.code]));
  const goalByCode = new Map(goalRows.filter((g) => g.current).map((g) => [g.code, g.id]));
  const perspById = new Map(perspectiveRows.map((p) => [p.id, p.slug]));
  const perspBySlug = new Map(perspectiveRows.filter((p) => p.current).map((p) => [p.slug, p.id]));
  const orgNames = new Map(orgRows.map((o) => [o.id, o.name]));
  return {
    goalCode: (id) => goalById.get(id) ?? `#${id}`,
    goalId: (code) => goalByCode.get(code),
    perspectiveSlug: (id) => perspById.get(id) ?? `#${id}`,
    perspectiveId: (slug) => perspBySlug.get(slug),
    organisationName: (id) => orgNames.get(id) ?? '',
  };
}

/**
 * The initiatives the actor may edit, as the rows of the bulk file (header first). For a
 * member's published initiative with an open change proposal, the proposal is what they edit.
 */
export async function exportInitiatives(
  db: Db,
  actor: Actor,
): Promise<{ header: string[]; rows: (string | number | null)[][] }> {
  const own = actor.kind === 'user' ? actor.organisationIds : [];
  if (!isCurator(actor) && own.length === 0) return { header: [...bulkColumns], rows: [] };
  const candidates = await db
    .select({ id: initiatives.id })
    .from(initiatives)
    .where(
      and(
        ne(initiatives.workflowState, 'arkiverad'),
        isCurator(actor) ? undefined : inArray(initiatives.ownerOrganisationId, own),
      ),
    )
    .orderBy(asc(initiatives.id));
  const codes = await bulkCodes(db);
  const rows: (string | number | null)[][] = [];
  const ids = candidates.map((c) => c.id);
  for (let i = 0; i < ids.length; i += 500) {
    for (const s of await loadInitiativesData(db, ids.slice(i, i + 500))) {
      if (!initiativePolicy.edit(actor, s.state)) continue;
      const proposal = initiativePolicy.editMode(actor, s.state) === 'proposal' && s.pending;
      rows.push(toBulkRow(proposal ? s.pending! : s.data, s.state, codes));
    }
  }
  return { header: [...bulkColumns], rows };
}

class RollbackImport extends Error {}

/**
 * Imports the bulk file: every row is validated with the form's schema and saved through the
 * same commands as the form (createInitiative for rows without id, updateInitiative with its
 * version check for rows with one), in one transaction. If any row fails, nothing is saved and
 * every problem is returned with its row and column.
 */
export async function importInitiatives(ctx: Ctx, table: BulkTable): Promise<BulkImportResult> {
  const [header = [], ...rows] = table.rows;
  const headerLine = table.lines[0] ?? 1;
  const index = new Map<string, number>();
  header.forEach((h, i) => index.set(h.trim().toLowerCase(), i));
  const missing = requiredColumns.filter((c) => !index.has(c));
  if (header.length === 0 || missing.length > 0) {
    return {
      ok: false,
      issues: [
        {
          row: headerLine,
          column: missing.join(', ') || 'title',
          message: `Rubrikraden saknar kolumnerna ${missing.join(', ') || requiredColumns.join(', ')}.`,
        },
      ],
    };
  }
  if (rows.length === 0) {
    return {
      ok: false,
      issues: [{ row: headerLine + 1, column: '', message: 'Filen har inga rader med insatser.' }],
    };
  }
  if (rows.length > MAX_BULK_ROWS) {
    return {
      ok: false,
      issues: [
        {
          row: headerLine,
          column: '',
          message: `Filen har fler än ${MAX_BULK_ROWS} rader. Dela upp den.`,
        },
      ],
    };
  }
  const issues: BulkIssue[] = [];
  let created = 0;
  let updated = 0;
  try {
    await inTransaction(ctx, async (tx) => {
      const codes = await bulkCodes(tx.db);
      const ids = rows.map((r) => cellOf(r, index, 'id')?.trim() ?? '');
      const wanted = [...new Set(ids.filter((x) => /^\d+$/.test(x)).map(Number))];
      const stored = new Map(
        (await loadInitiativesData(tx.db, wanted)).map((s) => [s.state.id, s]),
      );
      const seen = new Set<number>();
      for (const [n, r] of rows.entries()) {
        const line = table.lines[n + 1] ?? headerLine + n + 1;
        const add = (column: string, message: string) =>
          issues.push({ row: line, column, message });
        const cell = (c: BulkColumn) => cellOf(r, index, c);
        const rawId = ids[n]!;
        let id: number | null = null;
        let base: InitiativeDraftInput = emptyInput;
        if (rawId !== '') {
          id = /^\d+$/.test(rawId) ? Number(rawId) : NaN;
          const s = Number.isSafeInteger(id) ? stored.get(id) : undefined;
          if (!s || !initiativePolicy.read(tx.actor, s.state)) {
            add('id', `Det finns ingen insats med id ${rawId} som du kan se.`);
            continue;
          }
          if (seen.has(id)) {
            add('id', `Insatsen ${id} finns på flera rader i filen.`);
            continue;
          }
          seen.add(id);
          const proposal = initiativePolicy.editMode(tx.actor, s.state) === 'proposal';
          base = proposal && s.pending ? s.pending : s.data;
        }
        const { input, issues: cellIssues } = fromBulkRow(cell, base, codes);
        if (cellIssues.length > 0) {
          // The other columns' problems are listed too, so one round of fixes is enough.
          cellIssues.forEach((i) => add(i.column, i.message));
          const flagged = new Set<string>(cellIssues.map((i) => i.column));
          const parsed = parseInput(initiativeSchema, input);
          if (!parsed.ok) {
            for (const i of parsed.issues) {
              const column = columnOfField(i.field);
              if (!flagged.has(column)) add(column, i.message);
            }
          }
          continue;
        }
        try {
          if (id === null) {
            const result = await createInitiative(tx, input);
            if (result.ok) created++;
            else result.issues.forEach((i) => add(columnOfField(i.field), i.message));
          } else {
            const version = Number(cell('version')?.trim() ?? '');
            if (!Number.isSafeInteger(version) || version <= 0) {
              add(
                'version',
                'Ange versionen från exporten, så att ingen annans ändring skrivs över.',
              );
              continue;
            }
            const result = await updateInitiative(tx, {
              initiativeId: id,
              expectedVersion: version,
              data: input,
            });
            if (result.ok) updated++;
            else if (result.conflict) {
              add(
                'version',
                `Insatsen har ändrats sedan exporten (version ${version}, nu ${result.conflict.version}${result.conflict.changedBy ? ` av ${result.conflict.changedBy}` : ''}). Exportera på nytt.`,
              );
            } else result.issues.forEach((i) => add(columnOfField(i.field), i.message));
          }
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          add(id === null ? 'owner_organisation_id' : 'id', err.message);
        }
      }
      if (issues.length > 0) throw new RollbackImport();
      await recordAuditEvent(tx, {
        action: 'initiatives.imported',
        entityType: 'initiative',
        entityId: 'bulk',
        after: { created, updated, rows: rows.length },
      });
    });
  } catch (err) {
    if (err instanceof RollbackImport) return { ok: false, issues };
    throw err;
  }
  return { ok: true, created, updated };
}

const emptyInput: InitiativeDraftInput = {
  title: '',
  summary: '',
  status: '' as InitiativeDraftInput['status'],
  startDate: '',
  ownerOrganisationId: 0,
  placeCodes: [],
  goalIds: [],
};

function cellOf(row: string[], index: Map<string, number>, column: BulkColumn): string | undefined {
  const i = index.get(column);
  return i === undefined ? undefined : (row[i] ?? '');
}
