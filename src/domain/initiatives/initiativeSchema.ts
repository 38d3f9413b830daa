import { fundingSource, initiativeStatus, partnerRole } from '../../db/schema/index.js';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { calendarDate, isCalendarDate } from '../calendarDate.js';
import { fieldMessages } from '../issueMessages.js';
import { parseInput, type Issue } from '../result.js';

export const initiativeStatuses = initiativeStatus.enumValues;
export const partnerRoles = partnerRole.enumValues;
export const fundingSources = fundingSource.enumValues;

const isoDate = (field: 'startDate' | 'endDate') => calendarDate(fieldMessages[field]!.sv);

const optionalText = (max: number, message: string, multiline = true) =>
  (multiline ? multiLineText() : singleLineText())
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => v || null);

/** The fields of an initiative as the form, the seed and the importers send them. */
const fields = {
  title: singleLineText()
    .trim()
    .min(3, 'Ange en rubrik på minst tre tecken.')
    .max(300, 'Högst 300 tecken.'),
  summary: multiLineText()
    .trim()
    .min(10, 'Skriv en sammanfattning på minst tio tecken.')
    .max(1000, 'Högst 1000 tecken.'),
  description: multiLineText().trim().max(20000, 'Högst 20 000 tecken.').default(''),
  /** English texts; empty means the portal shows the Swedish text marked lang="sv". */
  titleEn: optionalText(300, 'Högst 300 tecken.', false),
  summaryEn: optionalText(1000, 'Högst 1000 tecken.'),
  descriptionEn: optionalText(20000, 'Högst 20 000 tecken.'),
  status: z.enum(initiativeStatuses, { error: 'Välj status.' }),
  startDate: isoDate('startDate'),
  endDate: isoDate('endDate')
    .nullish()
    .transform((v) => v ?? null),
  ownerOrganisationId: z.number().int().positive('Välj ägande organisation.'),
  partners: z
    .array(z.object({ organisationId: z.number().int().positive(), role: z.enum(partnerRoles) }))
    .default([]),
  funding: z
    .array(
      z.object({
        source: z.enum(fundingSources, { error: 'Välj finansieringskälla.' }),
        amountSek: z
          .number({ error: 'Ange beloppet i kronor.' })
          .int('Ange beloppet i hela kronor.')
          .min(0, 'Beloppet kan inte vara negativt.')
          .max(100_000_000_000, 'Beloppet är orimligt stort.'),
        year: z.number().int().min(1990).max(2100),
        funderOrganisationId: z.number().int().positive().nullish(),
      }),
    )
    .default([]),
  placeCodes: z
    .array(z.string().regex(/^\d{4}$/))
    .min(1, 'Välj minst en plats: hela länet eller kommuner.'),
  goalIds: z.array(z.number().int().positive()).min(1, 'Koppla insatsen till minst ett mål.'),
  perspectiveIds: z.array(z.number().int().positive()).default([]),
  sdgTargetCodes: z.array(z.string().regex(/^\d{1,2}\.[0-9a-z]{1,2}$/)).default([]),
  measureIds: z.array(z.number().int().positive()).default([]),
  diarienummer: singleLineText()
    .trim()
    .max(50)
    .nullish()
    .transform((v) => v || null),
  contactEmail: z
    .email({ error: 'Ange en giltig e-postadress.' })
    .nullish()
    .transform((v) => v ?? null),
  exampleOfYear: z
    .number()
    .int()
    .min(2000)
    .max(2100)
    .nullish()
    .transform((v) => v ?? null),
  isDemo: z.boolean().default(false),
};

/** A value of the input as a real date, or null: the rules between fields read only those. */
const dateOf = (v: unknown) =>
  typeof v === 'string' && isCalendarDate(v.trim()) ? v.trim() : null;

/**
 * The rules between fields. They run in the same round as the fields' own checks (`when`), even
 * when other fields are wrong, so every problem is named at once; they read only values that
 * are right in themselves.
 */
function withCrossFieldRules<T extends z.ZodType>(schema: T) {
  // Also when other fields are wrong, as long as the input is an object at all.
  const always = {
    when: (p: { value: unknown }) => typeof p.value === 'object' && p.value !== null,
  };
  type Raw = { startDate?: unknown; endDate?: unknown; exampleOfYear?: unknown };
  return schema
    .refine(
      (v) => {
        const { startDate, endDate } = v as Raw;
        const start = dateOf(startDate);
        const end = dateOf(endDate);
        return !(start && end && end < start);
      },
      { ...always, path: ['endDate'], message: 'Slutdatum kan inte vara före startdatum.' },
    )
    .refine(
      (v) => {
        const { startDate, endDate, exampleOfYear: year } = v as Raw;
        if (typeof year !== 'number' || !Number.isInteger(year)) return true;
        const start = dateOf(startDate);
        const end = dateOf(endDate);
        const startYear = start ? Number(start.slice(0, 4)) : 1900;
        const endYear = end ? Number(end.slice(0, 4)) : 2100;
        return year >= startYear && year <= endYear;
      },
      {
        ...always,
        path: ['exampleOfYear'],
        message: 'Exempelåret måste ligga inom insatsens period.',
      },
    );
}

/**
 * A complete initiative: what is submitted for approval, published, imported or seeded. Every
 * field of a published record satisfies it.
 */
export const initiativeSchema = withCrossFieldRules(z.object(fields));

/**
 * A draft as it is: a title and an owner (who may see it) are enough; what is given must still
 * be right (real dates, formats, the rules between fields). Completeness is checked on submit.
 */
export const initiativeDraftSchema = withCrossFieldRules(
  z.object({
    ...fields,
    summary: multiLineText().trim().max(1000, 'Högst 1000 tecken.').default(''),
    status: z
      .enum(initiativeStatuses, { error: 'Välj status.' })
      .nullish()
      .transform((v) => v ?? null),
    startDate: isoDate('startDate')
      .nullish()
      .transform((v) => v || null),
    placeCodes: fields.placeCodes.element.array().default([]),
    goalIds: fields.goalIds.element.array().default([]),
  }),
);

export type InitiativeInput = z.input<typeof initiativeSchema>;
export type InitiativeData = z.output<typeof initiativeSchema>;
export type InitiativeDraftInput = z.input<typeof initiativeDraftSchema>;
/** An initiative as stored: a draft may lack status, start date, goals and places. */
export type InitiativeDraft = z.output<typeof initiativeDraftSchema>;

/** What a draft still lacks before it can be submitted: the complete schema's issues, or none. */
export function submissionIssues(data: InitiativeDraft): Issue[] {
  const parsed = parseInput(initiativeSchema, data);
  return parsed.ok ? [] : parsed.issues;
}
