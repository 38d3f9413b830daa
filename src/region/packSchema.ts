import { z } from 'zod';

/**
 * The region pack: one directory that makes an installation a given region (docs/region-pack.md).
 * Each file of the pack has its schema here; docs/region-pack.schema.json is generated from them
 * (`riktning region schema`), and a test keeps the published file equal to the generated one.
 */

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case a–z, digits and hyphens');
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optionalText = (max: number) => z.string().max(max).default('');
const colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, 'write the colour as #RRGGBB');
const year = z.number().int().min(1990).max(2100);
const schemaRef = z.string().optional().describe('Path of this JSON Schema, for editors.');

/** region.json: who the installation is. */
export const regionIdentitySchema = z
  .object({
    $schema: schemaRef,
    lanCode: z
      .string()
      .regex(/^\d{2}$/, 'the län code has two digits, such as "09"')
      .describe('SCB län code (two digits).'),
    koladaId: z
      .string()
      .regex(/^00\d{2}$/, 'the Kolada id of a region is "00" and the län code, such as "0009"')
      .describe('Kolada area id of the region: "00" followed by the län code.'),
    nameSv: text(120).describe('The organisation, in Swedish: "Region Gotland".'),
    nameEn: text(120),
    countySv: text(120).describe('The county as a place, in Swedish: "Gotlands län".'),
    countyEn: text(120),
    organisationNumber: z
      .string()
      .regex(/^\d{6}-\d{4}$/, 'write the organisationsnummer as NNNNNN-NNNN')
      .describe('The region organisation’s organisationsnummer (Bolagsverket).'),
    contactEmail: z.email('must be a mail address (a functional mailbox, not a person)'),
    homepage: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }),
    siteName: text(60),
    taglineSv: text(160),
    taglineEn: text(160),
    logo: z.string().optional().describe('A file in the pack directory (SVG or PNG).'),
    colours: z.object({ primary: colour, accent: colour.optional() }).optional(),
    /** Whether the shipped demo data set belongs to this region (only the default pack). */
    demoData: z.boolean().default(false),
    /** Set by `riktning region new`: parts of the pack are still to be filled in. */
    placeholders: z.boolean().default(false),
  })
  .strict();

const goalArea = z
  .object({
    slug,
    nameSv: text(200),
    nameEn: text(200),
    descriptionSv: optionalText(2000),
    descriptionEn: optionalText(2000),
    colour,
  })
  .strict();

const goal = z
  .object({
    code: text(20),
    area: slug.describe('The slug of the goal area the goal belongs to.'),
    nameSv: text(500),
    nameEn: text(500),
    descriptionSv: optionalText(20000),
    descriptionEn: optionalText(20000),
    sdgTargets: z
      .array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/, 'an Agenda 2030 target such as "8.2"'))
      .default([]),
  })
  .strict();

const perspective = goalArea.omit({ colour: true });

const chapter = z
  .object({ titleSv: text(200), titleEn: text(200), textSv: text(20000), textEn: text(20000) })
  .strict();

const measure = z.object({ code: text(20), nameSv: text(500), nameEn: text(500) }).strict();

const programme = z
  .object({
    slug,
    nameSv: text(300),
    nameEn: text(300),
    periodStart: year,
    periodEnd: year,
    measures: z.array(measure).default([]),
  })
  .strict();

/** strategy.json: the regional development strategy. */
export const regionStrategySchema = z
  .object({
    $schema: schemaRef,
    slug,
    nameSv: text(300),
    nameEn: text(300),
    periodStart: year,
    periodEnd: year,
    decision: z
      .object({
        date: z.iso.date('a date such as 2022-06-14'),
        diarienummer: text(60),
      })
      .strict()
      .nullable()
      .default(null),
    visionSv: text(4000),
    visionEn: text(4000),
    introductionSv: optionalText(20000),
    introductionEn: optionalText(20000),
    /** How the strategy relates to Agenda 2030 and to the national strategy (the document's chapters). */
    agenda2030Sv: optionalText(20000),
    agenda2030En: optionalText(20000),
    nationalStrategySv: optionalText(20000),
    nationalStrategyEn: optionalText(20000),
    /** How the strategy is followed up and evaluated. */
    followUpSv: optionalText(20000),
    followUpEn: optionalText(20000),
    chapters: z.array(chapter).default([]),
    goalAreas: z.array(goalArea).min(1, 'a strategy needs at least one goal area'),
    goals: z.array(goal).min(1, 'a strategy needs at least one goal'),
    perspectives: z.array(perspective).default([]),
    programmes: z.array(programme).default([]),
  })
  .strict();

/** A Kolada KPI id: N (or U) and five digits, such as N01951. */
export const koladaKpiId = /^[NU]\d{5}$/;

const indicator = z
  .object({
    key: slug,
    goalCode: text(20).describe('The code of the goal in strategy.json.'),
    nameSv: text(300),
    nameEn: text(300),
    unit: text(50),
    source: z.enum(['kolada', 'scb', 'manual']),
    sourceRef: z
      .string()
      .max(200)
      .nullable()
      .describe('Kolada KPI id (N01951) or SCB table path; null for manual.'),
    direction: z.enum(['higher', 'lower']),
    genderSplit: z.boolean(),
    decimals: z.number().int().min(0).max(4).default(1),
    baselineYear: year,
    baselineValue: z.number(),
    targetYear: year,
    targetValue: z.number(),
    /** Demo series parameters (seriesStart, yearlyChange, municipalSpread, genderGap). */
    demo: z
      .object({
        seriesStart: z.number(),
        yearlyChange: z.number(),
        municipalSpread: z.number().min(0).max(1),
        genderGap: z.number().min(-1).max(1),
      })
      .strict()
      .optional(),
  })
  .strict();

/** indicators.json: the strategy's indicators and their sources. */
export const regionIndicatorsSchema = z
  .object({ $schema: schemaRef, indicators: z.array(indicator) })
  .strict();

const ownerText = z
  .object({
    sv: z.array(text(4000)).min(1),
    en: z.array(text(4000)).min(1),
  })
  .strict()
  .describe('Paragraphs of plain text, Swedish and English.');

/** pages.json: the texts the region owns on the accessibility and privacy pages. */
export const regionPagesSchema = z
  .object({
    $schema: schemaRef,
    accessibilityOwner: ownerText.describe(
      'The opening of the accessibility statement: who runs the site.',
    ),
    privacyController: ownerText.describe('Who is the controller of personal data.'),
  })
  .strict();

export const packFiles = {
  'region.json': regionIdentitySchema,
  'strategy.json': regionStrategySchema,
  'indicators.json': regionIndicatorsSchema,
  'pages.json': regionPagesSchema,
} as const;

export type PackFile = keyof typeof packFiles;

/** The whole pack, one property per file: the shape of the published JSON Schema. */
export const regionPackSchema = z.object({
  'region.json': regionIdentitySchema,
  'strategy.json': regionStrategySchema,
  'indicators.json': regionIndicatorsSchema,
  'pages.json': regionPagesSchema,
});

export type RegionIdentity = z.output<typeof regionIdentitySchema>;
export type RegionStrategy = z.output<typeof regionStrategySchema>;
export type RegionIndicator = z.output<typeof indicator>;
export type RegionPages = z.output<typeof regionPagesSchema>;

export interface RegionPack {
  dir: string;
  identity: RegionIdentity;
  strategy: RegionStrategy;
  indicators: RegionIndicator[];
  pages: RegionPages;
}

/** The published JSON Schema of the pack (draft 2020-12), generated from the zod schemas. */
export function packJsonSchema(): unknown {
  return {
    ...z.toJSONSchema(regionPackSchema, { io: 'input', unrepresentable: 'any' }),
    title: 'Riktning region pack',
    description:
      'One property per file of a region pack directory; each file holds the object described under its name (docs/region-pack.md).',
  };
}
