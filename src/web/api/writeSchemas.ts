import { z } from 'zod';
import { progressReportSchema } from '../../domain/followup/progressReportSchema.js';
import { initiativeSchema } from '../../domain/initiatives/initiativeSchema.js';

/**
 * Bodies of the write API in the API's snake_case, built from the very field schemas the admin
 * forms validate with (`initiativeSchema`, `progressReportSchema`): the same limits, the same
 * messages. Objects are strict, so an unknown field is a 400 that names it. Rules across
 * fields and references (an end before the start, an unknown goal) are checked by the command.
 */
const i = initiativeSchema.shape;
const partner = i.partners.unwrap().element.shape;
const funding = i.funding.unwrap().element.shape;

const initiativeFields = {
  title: i.title,
  summary: i.summary,
  description: i.description,
  title_en: i.titleEn,
  summary_en: i.summaryEn,
  description_en: i.descriptionEn,
  status: i.status,
  start_date: i.startDate.meta({ description: 'ÅÅÅÅ-MM-DD' }),
  end_date: i.endDate,
  owner_organisation_id: i.ownerOrganisationId.optional().meta({
    description: 'Ägande organisation; utelämnad är det nyckelns organisation.',
  }),
  partners: z
    .array(z.strictObject({ organisation_id: partner.organisationId, role: partner.role }))
    .max(100)
    .optional(),
  funding: z
    .array(
      z.strictObject({
        source: funding.source,
        amount_sek: funding.amountSek,
        year: funding.year,
        funder_organisation_id: funding.funderOrganisationId,
      }),
    )
    .max(200)
    .optional(),
  place_codes: i.placeCodes.meta({ description: 'Koladakoder: 0008 för länet, 08xx kommuner.' }),
  goal_ids: i.goalIds,
  perspective_ids: i.perspectiveIds.optional(),
  sdg_target_codes: i.sdgTargetCodes.optional(),
  measure_ids: i.measureIds.optional(),
  diarienummer: i.diarienummer,
  contact_email: i.contactEmail.meta({
    description: 'En funktionsbrevlåda, inte en person: adressen publiceras.',
  }),
  example_of_year: i.exampleOfYear,
};

/** A new initiative: the form's required fields are required here too. */
export const initiativeCreateBody = z.strictObject(initiativeFields);

/** A change: any subset of the fields, plus the version it was made from (or If-Match). */
export const initiativePatchBody = z.strictObject({
  ...Object.fromEntries(
    Object.entries(initiativeFields).map(([k, s]) => [k, (s as z.ZodType).optional()]),
  ),
  version: z
    .number()
    .int()
    .positive()
    .optional()
    .meta({ description: 'Versionen ändringen bygger på; alternativt huvudet If-Match: "v3".' }),
} as { [K in keyof typeof initiativeFields]: z.ZodOptional<(typeof initiativeFields)[K]> } & {
  version: z.ZodOptional<z.ZodNumber>;
});

const r = progressReportSchema.shape;
const outputs = r.outputs.unwrap().shape;
const other = outputs.other.unwrap().element.shape;
const spentLine = r.spentByFundingLine.unwrap().element.shape;

const reportFields = {
  reporting_period_id: r.reportingPeriodId,
  period_start: r.periodStart,
  period_end: r.periodEnd,
  traffic_light: r.trafficLight,
  narrative: r.narrative,
  outputs: z
    .strictObject({
      participants_k: outputs.participantsK,
      participants_m: outputs.participantsM,
      companies_reached: outputs.companiesReached,
      other: z
        .array(z.strictObject({ label: other.label, count: other.count }))
        .max(10)
        .optional(),
    })
    .optional(),
  spent_sek: r.spentSek,
  spent_by_funding_line: z
    .array(
      z.strictObject({ funding_line_id: spentLine.fundingLineId, amount_sek: spentLine.amountSek }),
    )
    .max(100)
    .optional(),
};

export const progressReportCreateBody = z.strictObject(reportFields);
export const progressReportPatchBody = z.strictObject(
  Object.fromEntries(
    Object.entries(reportFields).map(([k, s]) => [k, (s as z.ZodType).optional()]),
  ) as { [K in keyof typeof reportFields]: z.ZodOptional<(typeof reportFields)[K]> },
);

/** What the write API answers about an initiative: where it is in the workflow. */
export const initiativeReceiptSchema = z.strictObject({
  id: z.number().int(),
  version: z.number().int(),
  workflow_state: z.enum(['utkast', 'inskickad', 'publicerad', 'returnerad', 'arkiverad']),
  change_state: z
    .enum(['utkast', 'inskickad', 'publicerad', 'returnerad', 'arkiverad'])
    .nullable()
    .meta({ description: 'Läget för en föreslagen ändring av en publicerad insats.' }),
  owner_organisation_id: z.number().int(),
  title: z.string(),
  url: z.string().meta({ description: 'Den publika sidan (finns när insatsen är publicerad).' }),
});

export const progressReportReceiptSchema = z.strictObject({
  id: z.number().int(),
  initiative_id: z.number().int(),
  state: z.enum(['utkast', 'inskickad', 'publicerad', 'returnerad']),
});

export const initiativeReceipt = z.strictObject({ initiatives: z.array(initiativeReceiptSchema) });
export const progressReportReceipt = z.strictObject({
  progress_reports: z.array(progressReportReceiptSchema),
});

export type InitiativeCreateBody = z.infer<typeof initiativeCreateBody>;
export type InitiativePatchBody = z.infer<typeof initiativePatchBody>;
export type ProgressReportCreateBody = z.infer<typeof progressReportCreateBody>;
export type ProgressReportPatchBody = z.infer<typeof progressReportPatchBody>;

/** camelCase field paths of the domain as the API's snake_case ones (`goalIds.2` → `goal_ids.2`). */
export const snakePath = (field: string) => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
