import { describe, expect, it } from 'vitest';
import { accountsEn } from './accounts.en.js';
import { accountsSv } from './accounts.sv.js';
import { adminEn } from './admin.en.js';
import { adminSv } from './admin.sv.js';

/** Every key path of a catalogue, nested objects included, with the kind of value. */
function shape(catalogue: object, prefix = ''): string[] {
  return Object.entries(catalogue).flatMap(([key, value]) =>
    value !== null && typeof value === 'object'
      ? shape(value as object, `${prefix}${key}.`)
      : [`${prefix}${key}:${typeof value}`],
  );
}

describe('admin message catalogues', () => {
  it.each([
    ['admin', adminSv, adminEn],
    ['accounts', accountsSv, accountsEn],
  ])('%s: the English catalogue has exactly the Swedish keys', (_name, sv, en) => {
    expect(shape(en).sort()).toEqual(shape(sv).sort());
  });

  it.each([
    ['admin', adminEn],
    ['accounts', accountsEn],
  ])('%s: no English text is empty', (_name, en) => {
    const empty = Object.entries(en).filter(([, v]) => v === '');
    expect(empty).toEqual([]);
  });

  it('fills in the values of message functions', () => {
    expect(adminEn.rateLimited('14:05')).toContain('14:05');
    expect(accountsEn.ssoButton('Freja eID')).toBe('Sign in with Freja eID');
  });
});
