import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { sdgGoals, sdgTargets } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { ok, parseInput, type Result } from '../result.js';

export const sdgFileSchema = z.object({
  goals: z
    .array(
      z.object({
        number: z.number().int().min(1).max(17),
        colour: z.string().regex(/^#[0-9A-F]{6}$/i),
        title: z.object({ en: z.string().min(1), sv: z.string().optional() }),
        short: z.object({ en: z.string().min(1), sv: z.string().optional() }),
        targets: z.array(
          z.object({
            id: z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/),
            title: z.object({ en: z.string().min(1), sv: z.string().optional() }),
          }),
        ),
      }),
    )
    .length(17, 'Agenda 2030 har 17 mål.'),
});

/** Loads or refreshes the 17 goals and 169 targets of Agenda 2030. */
export async function loadSdgFramework(
  ctx: Ctx,
  input: unknown,
): Promise<Result<{ goals: number; targets: number }>> {
  const parsed = parseInput(sdgFileSchema, input);
  if (!parsed.ok) return parsed;
  const goalsIn = parsed.value.goals;
  return inTransaction(ctx, async (tx) => {
    await tx.db
      .insert(sdgGoals)
      .values(
        goalsIn.map((g) => ({
          number: g.number,
          colour: g.colour.toUpperCase(),
          shortEn: g.short.en,
          shortSv: g.short.sv ?? null,
          titleEn: g.title.en,
          titleSv: g.title.sv ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: sdgGoals.number,
        set: {
          colour: sql`excluded.colour`,
          shortEn: sql`excluded.short_en`,
          shortSv: sql`excluded.short_sv`,
          titleEn: sql`excluded.title_en`,
          titleSv: sql`excluded.title_sv`,
        },
      });
    const targets = goalsIn.flatMap((g) =>
      g.targets.map((t, i) => ({
        code: t.id,
        goalNumber: g.number,
        titleEn: t.title.en,
        titleSv: t.title.sv ?? null,
        position: i + 1,
      })),
    );
    await tx.db
      .insert(sdgTargets)
      .values(targets)
      .onConflictDoUpdate({
        target: sdgTargets.code,
        set: { titleEn: sql`excluded.title_en`, titleSv: sql`excluded.title_sv` },
      });
    const counts = { goals: goalsIn.length, targets: targets.length };
    await recordAuditEvent(tx, {
      action: 'sdg.loaded',
      entityType: 'sdg_framework',
      entityId: 'agenda-2030',
      after: counts,
    });
    return ok(counts);
  });
}
