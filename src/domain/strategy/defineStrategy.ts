import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { multiLineText } from '../text/plainText.js';
import { goalAreas, goals, perspectives, strategies } from '../../db/schema/index.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Ctx } from '../context.js';
import { fail, issue, ok, parseInput, type Result } from '../result.js';

const slug = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Använd små bokstäver a–z, siffror och bindestreck.');
const text = (max: number) =>
  multiLineText().trim().min(1, 'Fältet får inte vara tomt.').max(max, `Högst ${max} tecken.`);

export const defineStrategySchema = z
  .object({
    slug,
    nameSv: text(300),
    nameEn: text(300),
    periodStart: z.number().int().min(1990).max(2100),
    periodEnd: z.number().int().min(1990).max(2100),
    visionSv: text(4000),
    visionEn: text(4000),
    /** The document's chapters; each may be empty. */
    introductionSv: multiLineText().max(20_000).default(''),
    introductionEn: multiLineText().max(20_000).default(''),
    agenda2030Sv: multiLineText().max(20_000).default(''),
    agenda2030En: multiLineText().max(20_000).default(''),
    nationalStrategySv: multiLineText().max(20_000).default(''),
    nationalStrategyEn: multiLineText().max(20_000).default(''),
    followUpSv: multiLineText().max(20_000).default(''),
    followUpEn: multiLineText().max(20_000).default(''),
    /** The adoption decision, when the strategy is entered as adopted. */
    adoptedOn: z.iso.date().optional(),
    diarienummer: z.string().max(100).optional(),
    status: z.enum(['draft', 'adopted', 'archived']),
    isCurrent: z.boolean().default(false),
    goalAreas: z
      .array(
        z.object({
          slug,
          nameSv: text(200),
          nameEn: text(200),
          descriptionSv: z.string().default(''),
          descriptionEn: z.string().default(''),
          colour: z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'Ange färgen som #RRGGBB.'),
          goals: z
            .array(
              z.object({
                code: text(20),
                nameSv: text(500),
                nameEn: text(500),
                descriptionSv: multiLineText().max(20_000).default(''),
                descriptionEn: multiLineText().max(20_000).default(''),
              }),
            )
            .min(1, 'Varje målområde behöver minst ett mål.'),
        }),
      )
      .min(1, 'En strategi behöver minst ett målområde.'),
    perspectives: z.array(
      z.object({
        slug,
        nameSv: text(200),
        nameEn: text(200),
        descriptionSv: z.string().default(''),
        descriptionEn: z.string().default(''),
      }),
    ),
  })
  .refine((s) => s.periodEnd >= s.periodStart, {
    path: ['periodEnd'],
    message: 'Periodens slutår kan inte vara före startåret.',
  });

/** The strategy document's chapter texts, Swedish and English. */
export const chapterFields = [
  'introductionSv',
  'introductionEn',
  'agenda2030Sv',
  'agenda2030En',
  'nationalStrategySv',
  'nationalStrategyEn',
  'followUpSv',
  'followUpEn',
] as const;
export type ChapterTexts = Record<(typeof chapterFields)[number], string>;

/** The chapter texts of a strategy (a row or an input), empty where it has none. */
export function chapterTexts(from: Partial<ChapterTexts>): ChapterTexts {
  return Object.fromEntries(chapterFields.map((f) => [f, from[f] ?? ''])) as ChapterTexts;
}

export type DefineStrategyInput = z.input<typeof defineStrategySchema>;

/** Creates a strategy version with its goal areas, goals and perspectives in one transaction. */
export async function defineStrategy(
  ctx: Ctx,
  input: DefineStrategyInput,
): Promise<Result<{ id: number }>> {
  const parsed = parseInput(defineStrategySchema, input);
  if (!parsed.ok) return parsed;
  const s = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const existing = await tx.db
      .select({ id: strategies.id })
      .from(strategies)
      .where(eq(strategies.slug, s.slug));
    if (existing.length > 0) {
      return fail([issue('slug', 'Det finns redan en strategi med den kortadressen.', 'taken')]);
    }
    if (s.isCurrent) {
      await tx.db
        .update(strategies)
        .set({ isCurrent: false })
        .where(eq(strategies.isCurrent, true));
    }
    const [row] = await tx.db
      .insert(strategies)
      .values({
        slug: s.slug,
        nameSv: s.nameSv,
        nameEn: s.nameEn,
        periodStart: s.periodStart,
        periodEnd: s.periodEnd,
        visionSv: s.visionSv,
        visionEn: s.visionEn,
        ...chapterTexts(s),
        adoptedOn: s.adoptedOn ?? null,
        diarienummer: s.diarienummer ?? null,
        status: s.status,
        isCurrent: s.isCurrent,
      })
      .returning();
    const strategyId = row!.id;
    for (const [i, area] of s.goalAreas.entries()) {
      const [a] = await tx.db
        .insert(goalAreas)
        .values({
          strategyId,
          slug: area.slug,
          nameSv: area.nameSv,
          nameEn: area.nameEn,
          descriptionSv: area.descriptionSv,
          descriptionEn: area.descriptionEn,
          colour: area.colour,
          position: i + 1,
        })
        .returning({ id: goalAreas.id });
      await tx.db.insert(goals).values(
        area.goals.map((g, j) => ({
          goalAreaId: a!.id,
          code: g.code,
          nameSv: g.nameSv,
          nameEn: g.nameEn,
          descriptionSv: g.descriptionSv,
          descriptionEn: g.descriptionEn,
          position: j + 1,
        })),
      );
    }
    if (s.perspectives.length > 0) {
      await tx.db
        .insert(perspectives)
        .values(s.perspectives.map((p, i) => ({ strategyId, ...p, position: i + 1 })));
    }
    await recordAuditEvent(tx, {
      action: 'strategy.defined',
      entityType: 'strategy',
      entityId: strategyId,
      after: s,
    });
    return ok({ id: strategyId });
  });
}
