import type { z } from 'zod';

/** A message in both languages of the product. */
export interface PlainMessage {
  sv: string;
  en: string;
}

const date = (sv: string, en: string): PlainMessage => ({
  sv: `Ange ${sv} som ÅÅÅÅ-MM-DD, en dag som finns i kalendern (till exempel 2026-03-01).`,
  en: `Enter the ${en} as YYYY-MM-DD, a day that exists in the calendar (for example 2026-03-01).`,
});
const choose = (sv: string, en: string): PlainMessage => ({
  sv: `Välj ${sv} i listan.`,
  en: `Choose ${en} from the list.`,
});

/**
 * What a field's value must be, in plain words, keyed by the field's name (the last named part
 * of its path: `funding.0.year` is `year`). Used for every schema issue that has no message of
 * its own, so that no page shows a schema's English, a pattern or a type name.
 */
export const fieldMessages: Record<string, PlainMessage> = {
  title: { sv: 'Ange en rubrik på 3–300 tecken.', en: 'Enter a title of 3–300 characters.' },
  titleSv: { sv: 'Ange en rubrik på 3–300 tecken.', en: 'Enter a title of 3–300 characters.' },
  titleEn: { sv: 'Högst 300 tecken.', en: 'At most 300 characters.' },
  summary: {
    sv: 'Skriv en sammanfattning på högst 1000 tecken.',
    en: 'Write a summary of at most 1,000 characters.',
  },
  summaryEn: { sv: 'Högst 1000 tecken.', en: 'At most 1,000 characters.' },
  description: { sv: 'Högst 20 000 tecken.', en: 'At most 20,000 characters.' },
  descriptionEn: { sv: 'Högst 20 000 tecken.', en: 'At most 20,000 characters.' },
  status: { sv: 'Välj status.', en: 'Choose a status.' },
  startDate: date('startdatum', 'start date'),
  endDate: date('slutdatum', 'end date'),
  opensOn: date('första dagen', 'first day'),
  closesOn: date('sista dagen för svar', 'last day for responses'),
  startsOn: date('första dagen', 'first day'),
  endsOn: date('sista dagen', 'last day'),
  dueOn: date('sista dag för rapporten', 'due date'),
  heldOn: date('datumet', 'date'),
  evaluatedOn: date('datumet', 'date'),
  decisionDate: date('beslutsdatum', 'decision date'),
  ownerOrganisationId: { sv: 'Välj ägande organisation.', en: 'Choose the owning organisation.' },
  organisationId: choose('en organisation', 'an organisation'),
  funderOrganisationId: choose('finansiär', 'a funder'),
  role: choose('en roll', 'a role'),
  source: { sv: 'Välj finansieringskälla.', en: 'Choose a source of funding.' },
  amountSek: {
    sv: 'Ange beloppet i hela kronor, 0 eller mer (till exempel 250 000).',
    en: 'Enter the amount in whole kronor, 0 or more (for example 250 000).',
  },
  year: { sv: 'Ange ett år mellan 1990 och 2100.', en: 'Enter a year between 1990 and 2100.' },
  exampleOfYear: {
    sv: 'Ange ett år mellan 2000 och 2100.',
    en: 'Enter a year between 2000 and 2100.',
  },
  placeCodes: choose('platser', 'places'),
  goalIds: choose('mål', 'goals'),
  goalId: choose('ett mål', 'a goal'),
  perspectiveIds: choose('perspektiv', 'perspectives'),
  measureIds: choose('åtgärder', 'measures'),
  sdgTargetCodes: {
    sv: 'Ange ett delmål som 8.2 eller 11.a, flera med komma emellan.',
    en: 'Enter a target such as 8.2 or 11.a, several separated by commas.',
  },
  diarienummer: { sv: 'Högst 50 tecken.', en: 'At most 50 characters.' },
  contactEmail: { sv: 'Ange en giltig e-postadress.', en: 'Enter a valid email address.' },
  email: { sv: 'Ange en giltig e-postadress.', en: 'Enter a valid email address.' },
  strategyId: choose('ett strategiutkast', 'a draft strategy'),
  indicatorId: choose('en indikator', 'an indicator'),
  periodId: choose('en rapportperiod', 'a reporting period'),
  value: { sv: 'Ange ett tal, till exempel 12,5.', en: 'Enter a number, for example 12.5.' },
  name: { sv: 'Ange ett namn.', en: 'Enter a name.' },
};

/** When a field has no entry: plain words by the kind of problem. */
const byCode: Record<string, PlainMessage> = {
  invalid_type: {
    sv: 'Fyll i fältet med ett giltigt värde.',
    en: 'Fill in the field with a valid value.',
  },
  too_big: {
    sv: 'Värdet är för stort eller för långt.',
    en: 'The value is too large or too long.',
  },
  too_small: {
    sv: 'Värdet är för litet eller för kort.',
    en: 'The value is too small or too short.',
  },
  invalid_format: { sv: 'Värdet har fel form.', en: 'The value is not in the right form.' },
  invalid_value: { sv: 'Välj ett av alternativen.', en: 'Choose one of the options.' },
};
const fallback: PlainMessage = { sv: 'Kontrollera värdet.', en: 'Check the value.' };

/** The field's name in a path such as ['funding', 0, 'year'] or ['goalIds', 2]. */
export function fieldName(path: readonly PropertyKey[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') return path[i] as string;
  }
  return '_';
}

/** The plain message of a schema issue that has none of its own. */
export function plainMessage(issue: Pick<z.core.$ZodIssue, 'path' | 'code'>): PlainMessage {
  return fieldMessages[fieldName(issue.path)] ?? byCode[issue.code] ?? fallback;
}

/** English of the schemas' own Swedish messages (the fields' plain ones too), for English pages. */
export const englishOf: Record<string, string> = {
  ...Object.fromEntries(Object.values(fieldMessages).map((m) => [m.sv, m.en])),
  'Slutdatum kan inte vara före startdatum.': 'The end date cannot be before the start date.',
  'Exempelåret måste ligga inom insatsens period.':
    "The example year must be within the initiative's period.",
  'Sista dag för svar kan inte vara före startdatum.':
    'The last day for responses cannot be before the first day.',
  'Välj minst en plats: hela länet eller kommuner.':
    'Choose at least one place: the whole county or municipalities.',
  'Koppla insatsen till minst ett mål.': 'Link the initiative to at least one goal.',
  'Ange en rubrik på minst tre tecken.': 'Enter a title of at least three characters.',
  'Skriv en sammanfattning på minst tio tecken.': 'Write a summary of at least ten characters.',
  'Högst 300 tecken.': 'At most 300 characters.',
  'Högst 1000 tecken.': 'At most 1,000 characters.',
  'Högst 20 000 tecken.': 'At most 20,000 characters.',
  'Välj status.': 'Choose a status.',
  'Välj ägande organisation.': 'Choose the owning organisation.',
  'Välj finansieringskälla.': 'Choose a source of funding.',
  'Ange beloppet i kronor.': 'Enter the amount in kronor.',
  'Ange beloppet i hela kronor.': 'Enter the amount in whole kronor.',
  'Beloppet kan inte vara negativt.': 'The amount cannot be negative.',
  'Beloppet är orimligt stort.': 'The amount is unreasonably large.',
  'Ange en giltig e-postadress.': 'Enter a valid email address.',
};
