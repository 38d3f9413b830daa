import { fundingSource, initiativeStatus, partnerRole } from '../../db/schema/index.js';
import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';

export const initiativeStatuses = initiativeStatus.enumValues;
export const partnerRoles = partnerRole.enumValues;
export const fundingSources = fundingSource.enumValues;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Ange datum som ÅÅÅÅ-MM-DD.')
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), 'Datumet finns inte.');

const optionalText = (max: number, message: string, multiline = true) =>
  (multiline ? multiLineText() : singleLineText())
    .trim()
    .max(max, message)
    .nullish()
    .transform((v) => v || null);

/** The fields of an initiative, shared by the admin form, the seed and the importers. */
export const initiativeSchema = z
  .object({
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
    startDate: isoDate,
    endDate: isoDate.nullish().transform((v) => v ?? null),
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
    diarienummer: z
      .string()
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
  })
  .superRefine((v, c) => {
    if (v.endDate && v.endDate < v.startDate) {
      c.addIssue({
        code: 'custom',
        path: ['endDate'],
        message: 'Slutdatum kan inte vara före startdatum.',
      });
    }
    const startYear = Number(v.startDate.slice(0, 4));
    const endYear = v.endDate ? Number(v.endDate.slice(0, 4)) : 2100;
    if (v.exampleOfYear != null && (v.exampleOfYear < startYear || v.exampleOfYear > endYear)) {
      c.addIssue({
        code: 'custom',
        path: ['exampleOfYear'],
        message: 'Exempelåret måste ligga inom insatsens period.',
      });
    }
  });

export type InitiativeInput = z.input<typeof initiativeSchema>;
export type InitiativeData = z.output<typeof initiativeSchema>;
