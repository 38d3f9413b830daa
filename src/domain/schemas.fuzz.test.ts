import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, hostileFragments } from '../../test/reliability/fuzzRuns.js';
import { readInitiativeForm } from '../web/admin/initiativeForm.js';
import { accessibilityReportSchema } from './accessibility/reportAccessibilityProblem.js';
import { addUserSchema } from './actors/addUser.js';
import { createOrganisationSchema } from './actors/createOrganisation.js';
import { progressReportSchema } from './followup/progressReportSchema.js';
import { initiativeSchema } from './initiatives/initiativeSchema.js';
import { parseInput } from './result.js';

/**
 * The form schemas take anything a browser (or an attacker) can post: they answer with values or
 * field issues, never an exception, and what they accept is within their own limits.
 */
const text = fc.oneof(
  fc.string(),
  fc.constantFrom(...hostileFragments),
  fc.string({ maxLength: 3000 }),
);
const formValue = fc.oneof(text, fc.array(text, { maxLength: 5 }));
const initiativeKeys = [
  'title',
  'summary',
  'description',
  'titleEn',
  'status',
  'startDate',
  'endDate',
  'ownerOrganisationId',
  'partners.0.organisationId',
  'partners.0.role',
  'funding.0.source',
  'funding.0.amountSek',
  'funding.0.year',
  'funding.99.amountSek',
  'placeCodes',
  'goalIds',
  'perspectiveIds',
  'sdgTargetCodes',
  'measureIds',
  'diarienummer',
  'contactEmail',
  'version',
];
const formBody = fc.dictionary(
  fc.oneof(fc.constantFrom(...initiativeKeys), fc.string()),
  formValue,
  {
    maxKeys: 25,
  },
);

const schemas: [string, z.ZodType][] = [
  ['initiativeSchema', initiativeSchema],
  ['progressReportSchema', progressReportSchema],
  ['accessibilityReportSchema', accessibilityReportSchema],
  ['addUserSchema', addUserSchema],
  ['createOrganisationSchema', createOrganisationSchema],
];

describe('form schemas (property)', () => {
  it.each(schemas)(
    '%s answers any input with a value or field issues',
    (_name, schema) => {
      fc.assert(
        fc.property(fc.oneof(fc.anything(), formBody, fc.object()), (input) => {
          const r = parseInput(schema, input);
          if (!r.ok) {
            expect(r.issues.length).toBeGreaterThan(0);
            for (const i of r.issues) {
              expect(typeof i.field).toBe('string');
              expect(i.message.length).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'the admin initiative form reads any posted body, and the schema judges what it read',
    () => {
      fc.assert(
        fc.property(fc.oneof(formBody, fc.anything()), (body) => {
          const { values, input } = readInitiativeForm(body);
          for (const v of Object.values(values)) {
            if (typeof v === 'string') expect(v.length).toBeLessThanOrEqual(20_000);
          }
          const r = parseInput(initiativeSchema, input);
          if (r.ok) {
            expect(r.value.title.length).toBeGreaterThan(0);
            expect(r.value.placeCodes.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
