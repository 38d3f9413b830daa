import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkOrganisationNumber,
  formatOrganisationNumber,
  luhnValid,
  normaliseOrganisationNumber,
} from './organisationNumber.js';

function withCheckDigit(nine: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(nine + d)) return nine + d;
  throw new Error('unreachable');
}

describe('organisationsnummer', () => {
  it('accepts real-format numbers with and without dash', () => {
    // Region Kalmar län 232100-0065, Linnéuniversitetet 202100-6271
    expect(checkOrganisationNumber('232100-0065')).toEqual({ ok: true, value: '2321000065' });
    expect(checkOrganisationNumber('2021006271')).toEqual({ ok: true, value: '2021006271' });
    expect(checkOrganisationNumber('16 232100-0065')).toEqual({ ok: true, value: '2321000065' });
  });

  it('rejects a wrong check digit with code checksum', () => {
    const r = checkOrganisationNumber('232100-0066');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.code).toBe('checksum');
  });

  it('rejects wrong length and letters with code format', () => {
    for (const bad of ['23210000', '232100-00655', 'abcdef-ghij', '', '2321OO-0065']) {
      const r = checkOrganisationNumber(bad);
      expect(!r.ok && r.code).toBe('format');
    }
  });

  it('accepts exactly one check digit for any nine digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const valid = [...'0123456789'].filter((d) => luhnValid(nine + d));
        expect(valid).toHaveLength(1);
      }),
    );
  });

  it('detects every single-digit change', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^\d{9}$/),
        fc.nat(9),
        fc.integer({ min: 1, max: 9 }),
        (nine, pos, delta) => {
          const good = withCheckDigit(nine);
          const changed =
            good.slice(0, pos) + ((Number(good[pos]) + delta) % 10) + good.slice(pos + 1);
          expect(luhnValid(changed)).toBe(false);
        },
      ),
    );
  });

  it('normalises and formats', () => {
    expect(normaliseOrganisationNumber(' 556677-8899 ')).toBe('5566778899');
    expect(formatOrganisationNumber('5566778899')).toBe('556677-8899');
  });
});
