import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  hostileFragments,
} from '../../../test/reliability/fuzzRuns.js';
import {
  checkOrganisationNumber,
  formatOrganisationNumber,
  luhnValid,
  normaliseOrganisationNumber,
} from './organisationNumber.js';

/** The Luhn check digit for nine digits. */
function withCheckDigit(nine: string): string {
  for (let d = 0; d <= 9; d += 1) if (luhnValid(nine + d)) return nine + d;
  throw new Error('unreachable');
}

const nineDigits = fc.stringMatching(/^\d{9}$/);

describe('organisationsnummer (property)', { timeout: FUZZ_TIMEOUT_MS }, () => {
  it('any text gives a value or a format/checksum answer, never an exception', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.constantFrom(...hostileFragments),
          fc.stringMatching(/^[\d\s-]{0,16}$/),
        ),
        (input) => {
          const r = checkOrganisationNumber(input);
          if (r.ok) {
            expect(r.value).toMatch(/^\d{10}$/);
            expect(luhnValid(r.value)).toBe(true);
          } else {
            expect(['format', 'checksum']).toContain(r.code);
            expect(r.message.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('accepts every valid number in each written form and formats it back', () => {
    fc.assert(
      fc.property(
        nineDigits,
        fc.constantFrom('dash', 'plain', 'sixteen', 'spaces'),
        (nine, form) => {
          const value = withCheckDigit(nine);
          const written =
            form === 'dash'
              ? formatOrganisationNumber(value)
              : form === 'plain'
                ? value
                : form === 'sixteen'
                  ? `16${value}`
                  : ` ${value.slice(0, 3)} ${value.slice(3)} `;
          expect(checkOrganisationNumber(written)).toEqual({ ok: true, value });
          expect(normaliseOrganisationNumber(formatOrganisationNumber(value))).toBe(value);
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });

  it('refuses every number with one digit changed (Luhn finds all single-digit errors)', () => {
    fc.assert(
      fc.property(
        nineDigits,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        (nine, position, delta) => {
          const value = withCheckDigit(nine);
          const digit = (Number(value[position]) + delta) % 10;
          const wrong = value.slice(0, position) + digit + value.slice(position + 1);
          expect(checkOrganisationNumber(wrong)).toMatchObject({ ok: false, code: 'checksum' });
        },
      ),
      { numRuns: FUZZ_RUNS },
    );
  });
});
