import { and, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { goals, indicators, places } from '../../db/schema/index.js';
import { analysisPolicy } from './policies.js';
import { recordAuditEvent } from '../audit/recordAuditEvent.js';
import { inTransaction, type Actor, type Ctx } from '../context.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { fail, issue, ok, parseInput, type Issue, type Result } from '../result.js';

/** The indicator catalogue: analysts, the Region's editors and administrators keep it. */
export const indicatorPolicy = {
  manage: (actor: Actor) => analysisPolicy.analyse(actor),
  publish: (actor: Actor) => analysisPolicy.publishIndicator(actor),
};

const year = (what: string) =>
  z
    .number({ error: `Ange ${what} som ett årtal.` })
    .int(`Ange ${what} som ett årtal.`)
    .min(1990, `Ange ${what} från 1990 till 2100.`)
    .max(2100, `Ange ${what} från 1990 till 2100.`)
    .nullish()
    .transform((v) => v ?? null);
const value = z
  .number({ error: 'Ange ett tal.' })
  .finite('Ange ett tal.')
  .nullish()
  .transform((v) => v ?? null);

export const indicatorSchema = z
  .object({
    goalId: z.number({ error: 'Välj ett mål.' }).int().positive('Välj ett mål.'),
    slug: z
      .string()
      .max(80, 'Högst 80 tecken.')
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Använd små bokstäver, siffror och bindestreck.'),
    nameSv: singleLineText()
      .trim()
      .min(3, 'Ange ett namn på svenska (minst 3 tecken).')
      .max(300, 'Högst 300 tecken.'),
    nameEn: singleLineText()
      .trim()
      .min(3, 'Ange ett namn på engelska (minst 3 tecken).')
      .max(300, 'Högst 300 tecken.'),
    description: multiLineText().trim().max(4000, 'Högst 4 000 tecken.').default(''),
    unit: singleLineText().trim().min(1, 'Ange enhet.').max(50, 'Högst 50 tecken.'),
    source: z.enum(['kolada', 'scb', 'manual'], { error: 'Välj källa.' }),
    sourceRef: singleLineText()
      .trim()
      .max(200)
      .nullish()
      .transform((v) => v || null),
    /** An SCB table's fixed values beside region and time (variable code → value codes). */
    sourceSelection: z
      .record(
        z.string().regex(/^[\wÅÄÖåäö+-]{1,60}$/, 'Ogiltig variabelkod.'),
        z.array(z.string().min(1).max(60)).min(1).max(20),
      )
      .refine((r) => Object.keys(r).length <= 20, 'Högst 20 variabler.')
      .nullish(),
    direction: z.enum(['higher', 'lower'], { error: 'Välj om högre eller lägre är bättre.' }),
    genderSplit: z.boolean().default(false),
    decimals: z
      .number({ error: 'Ange antal decimaler från 0 till 4.' })
      .int('Ange antal decimaler från 0 till 4.')
      .min(0, 'Ange antal decimaler från 0 till 4.')
      .max(4, 'Ange antal decimaler från 0 till 4.')
      .default(1),
    baselineYear: year('utgångsåret'),
    baselineValue: value,
    targetYear: year('målåret'),
    targetValue: value,
    targetIsExample: z.boolean().default(true),
    /** Place codes followed; empty means the county and every municipality. */
    placeCodes: z
      .array(z.string().regex(/^\d{4}$/, 'Områdeskoder har fyra siffror.'))
      .max(400)
      .default([])
      .transform((v) => [...new Set(v)].sort()),
    methodNote: multiLineText().trim().max(4000, 'Högst 4 000 tecken.').default(''),
    isDemo: z.boolean().default(false),
    /** A new indicator kept from the portal until an editor publishes it (the admin form). */
    draft: z.boolean().default(false),
  })
  .superRefine((v, c) => {
    if (v.source !== 'manual' && !v.sourceRef) {
      c.addIssue({
        code: 'custom',
        path: ['sourceRef'],
        message: 'Ange nyckeltalets id hos källan.',
      });
    }
    if ((v.baselineYear == null) !== (v.baselineValue == null)) {
      c.addIssue({
        code: 'custom',
        path: ['baselineValue'],
        message: 'Ange både år och värde för utgångsläget.',
      });
    }
    if ((v.targetYear == null) !== (v.targetValue == null)) {
      c.addIssue({
        code: 'custom',
        path: ['targetValue'],
        message: 'Ange både år och värde för målet.',
      });
    }
    if (v.baselineYear != null && v.targetYear != null && v.targetYear <= v.baselineYear) {
      c.addIssue({
        code: 'custom',
        path: ['targetYear'],
        message: 'Målåret ska komma efter utgångsåret.',
      });
    }
  });

export type IndicatorInput = z.input<typeof indicatorSchema>;

/** Checks what the schema cannot: the goal exists, the slug is free and the places are known. */
async function checkReferences(
  ctx: Ctx,
  v: z.infer<typeof indicatorSchema>,
  id: number | null,
): Promise<Issue[]> {
  const issues: Issue[] = [];
  const [goal] = await ctx.db.select({ id: goals.id }).from(goals).where(eq(goals.id, v.goalId));
  if (!goal) issues.push(issue('goalId', 'Målet finns inte.', 'unknown'));
  const [taken] = await ctx.db
    .select({ id: indicators.id })
    .from(indicators)
    .where(
      id === null
        ? eq(indicators.slug, v.slug)
        : and(eq(indicators.slug, v.slug), ne(indicators.id, id)),
    );
  if (taken) issues.push(issue('slug', 'Kortadressen används redan.', 'taken'));
  if (v.placeCodes.length > 0) {
    const known = new Set(
      (
        await ctx.db
          .select({ code: places.code })
          .from(places)
          .where(inArray(places.code, v.placeCodes))
      ).map((p) => p.code),
    );
    const unknown = v.placeCodes.filter((c) => !known.has(c));
    if (unknown.length > 0)
      issues.push(issue('placeCodes', `Okända områden: ${unknown.join(', ')}.`, 'unknown'));
  }
  return issues;
}

/** The policy first (a refusal is not a form error), then the fields. */
function checkedInput(ctx: Ctx, input: IndicatorInput) {
  if (!indicatorPolicy.manage(ctx.actor)) throw new ForbiddenError();
  return parseInput(indicatorSchema, input);
}

/** Adds an indicator to the catalogue. */
export async function defineIndicator(
  ctx: Ctx,
  input: IndicatorInput,
): Promise<Result<{ id: number }>> {
  const parsed = checkedInput(ctx, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const issues = await checkReferences(tx, v, null);
    if (issues.length > 0) return fail(issues);
    const { draft, ...fields } = v;
    const [row] = await tx.db
      .insert(indicators)
      .values({ ...fields, publishedAt: draft ? null : tx.now() })
      .returning();
    await recordAuditEvent(tx, {
      action: 'indicator.defined',
      entityType: 'indicator',
      entityId: row!.id,
      after: row,
    });
    return ok({ id: row!.id });
  });
}

/** Changes an indicator of the catalogue; its observations stay as they are. */
export async function updateIndicator(
  ctx: Ctx,
  id: number,
  input: IndicatorInput,
): Promise<Result<{ id: number }>> {
  const parsed = checkedInput(ctx, input);
  if (!parsed.ok) return parsed;
  const v = parsed.value;
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(indicators).where(eq(indicators.id, id));
    if (!before) throw new NotFoundError();
    const issues = await checkReferences(tx, v, id);
    if (issues.length > 0) return fail(issues);
    const { isDemo: _demo, draft: _draft, ...changes } = v;
    const [after] = await tx.db
      .update(indicators)
      .set(changes)
      .where(eq(indicators.id, id))
      .returning();
    await recordAuditEvent(tx, {
      action: 'indicator.updated',
      entityType: 'indicator',
      entityId: id,
      before,
      after,
    });
    return ok({ id });
  });
}

/** Makes a draft indicator public: the portal, the API and the downloads show it from now on. */
export async function publishIndicator(ctx: Ctx, id: number): Promise<{ published: boolean }> {
  if (!indicatorPolicy.publish(ctx.actor)) throw new ForbiddenError();
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(indicators).where(eq(indicators.id, id));
    if (!before) throw new NotFoundError();
    if (before.publishedAt) return { published: false };
    const [after] = await tx.db
      .update(indicators)
      .set({ publishedAt: tx.now() })
      .where(eq(indicators.id, id))
      .returning();
    await recordAuditEvent(tx, {
      action: 'indicator.published',
      entityType: 'indicator',
      entityId: id,
      before: { publishedAt: null },
      after: { publishedAt: after!.publishedAt },
    });
    return { published: true };
  });
}
