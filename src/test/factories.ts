import type { InitiativeInput } from '../domain/initiatives/initiativeSchema.js';

/** A valid initiative; pass the owner and goals, override what the test is about. */
export function buildInitiative(
  overrides: Partial<InitiativeInput> & Pick<InitiativeInput, 'ownerOrganisationId' | 'goalIds'>,
): InitiativeInput {
  return {
    title: 'Kompetenslyft för industrin i Kalmar',
    summary: 'Utbildning för anställda i små industriföretag.',
    status: 'pagaende',
    startDate: '2025-01-01',
    endDate: '2026-12-31',
    placeCodes: ['0880', '0881'],
    funding: [{ source: 'esf-plus', amountSek: 1_200_000, year: 2025 }],
    sdgTargetCodes: ['4.4'],
    ...overrides,
  };
}
