import { z } from 'zod';
import { singleLineText, multiLineText } from '../text/plainText.js';
import { calendarDate } from '../calendarDate.js';

const isoDate = calendarDate('Ange datum som ÅÅÅÅ-MM-DD, en dag som finns i kalendern.');
const count = z
  .number({ error: 'Ange ett heltal.' })
  .int('Ange ett heltal.')
  .min(0, 'Antalet kan inte vara negativt.')
  .max(10_000_000, 'Antalet är orimligt stort.')
  .optional();

export const trafficLights = ['enligt-plan', 'risk', 'avvikelse'] as const;

/** A progress report as an owner writes it; drafts may leave the narrative short. */
export const progressReportSchema = z
  .object({
    initiativeId: z.number().int().positive(),
    reportingPeriodId: z.number().int().positive().nullish(),
    periodStart: isoDate.optional(),
    periodEnd: isoDate.optional(),
    trafficLight: z.enum(trafficLights, {
      error: 'Välj läge: enligt plan, risk eller avvikelse.',
    }),
    narrative: multiLineText().trim().max(10000, 'Texten får vara högst 10 000 tecken.'),
    /** Required on submit when the traffic light is risk or deviation (see `explanationIssue`). */
    deviationExplanation: multiLineText()
      .trim()
      .max(4000, 'Förklaringen får vara högst 4 000 tecken.')
      .default(''),
    outputs: z
      .object({
        participantsK: count,
        participantsM: count,
        companiesReached: count,
        /** Other counts the initiative follows, such as "kurser" or "besök". */
        other: z
          .array(
            z.object({
              label: singleLineText().trim().min(1, 'Ange vad som räknats.').max(100),
              count: z.number({ error: 'Ange ett heltal.' }).int('Ange ett heltal.').min(0),
            }),
          )
          .max(10)
          .optional(),
      })
      .default({}),
    spentSek: z
      .number()
      .int()
      .min(0)
      .nullish()
      .transform((v) => v ?? null),
    spentByFundingLine: z
      .array(
        z.object({
          fundingLineId: z.number().int().positive(),
          amountSek: z
            .number({ error: 'Ange ett belopp i kronor.' })
            .int('Ange hela kronor.')
            .min(0, 'Beloppet kan inte vara negativt.')
            .max(100_000_000_000, 'Beloppet är orimligt stort.'),
        }),
      )
      .max(100)
      .default([]),
    isDemo: z.boolean().default(false),
  })
  .refine((r) => !r.periodStart || !r.periodEnd || r.periodEnd >= r.periodStart, {
    path: ['periodEnd'],
    message: 'Perioden slutar före den börjar.',
  })
  .refine((r) => r.reportingPeriodId || (r.periodStart && r.periodEnd), {
    path: ['periodStart'],
    message: 'Ange rapportperiod eller periodens början och slut.',
  });

export type ProgressReportInput = z.input<typeof progressReportSchema>;
export type ProgressReportValues = z.infer<typeof progressReportSchema>;

/** What a submitted (not draft) report needs beyond a draft. */
export const MIN_NARRATIVE = 10;

/** Traffic lights that need an explanation: what is off track and what is done about it. */
export const lightsNeedingExplanation: readonly string[] = ['risk', 'avvikelse'];

/** The issue of a submitted report whose risk or deviation is not explained, if it is so. */
export function explanationMissing(v: { trafficLight: string; deviationExplanation: string }) {
  return (
    lightsNeedingExplanation.includes(v.trafficLight) &&
    v.deviationExplanation.length < MIN_NARRATIVE
  );
}
