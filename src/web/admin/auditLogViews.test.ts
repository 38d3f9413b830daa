import { describe, expect, it } from 'vitest';
import { fieldChanges } from './auditLogViews.js';

describe('fieldChanges', () => {
  it('shows only the fields whose values differ between before and after', () => {
    expect(fieldChanges({ role: 'aktor', name: 'A' }, { role: 'admin', name: 'A' })).toEqual([
      { field: 'role', before: 'aktor', after: 'admin' },
    ]);
  });

  it('shows every field of a creation and of a removal', () => {
    expect(fieldChanges(null, { email: 'a@example.se', organisationId: 3 })).toEqual([
      { field: 'email', before: null, after: 'a@example.se' },
      { field: 'organisationId', before: null, after: '3' },
    ]);
    expect(fieldChanges({ organisationId: 3 }, null)).toEqual([
      { field: 'organisationId', before: '3', after: null },
    ]);
  });

  it('reads nested objects as dotted fields, lists as JSON, and keeps one-sided fields', () => {
    expect(fieldChanges({ a: [1, 2] }, { a: [1, 2], b: { c: true } })).toEqual([
      { field: 'b.c', before: null, after: 'true' },
    ]);
    expect(
      fieldChanges(
        { version: 3, data: { title: 'Gammal', places: ['0880'], budget: { total: 5 } } },
        { version: 4, data: { title: 'Ny', places: ['0880', '0881'], budget: { total: 5 } } },
      ),
    ).toEqual([
      { field: 'version', before: '3', after: '4' },
      { field: 'data.title', before: 'Gammal', after: 'Ny' },
      { field: 'data.places', before: '["0880"]', after: '["0880","0881"]' },
    ]);
  });

  it('stops at three levels and writes what is deeper as JSON', () => {
    expect(fieldChanges(null, { a: { b: { c: { d: 1 } } } })).toEqual([
      { field: 'a.b.c', before: null, after: '{"d":1}' },
    ]);
  });

  it('shows a value that is not an object as one row, and nothing when both are empty', () => {
    expect(fieldChanges('x', 'y')).toEqual([{ field: '–', before: 'x', after: 'y' }]);
    expect(fieldChanges(null, null)).toEqual([]);
  });
});
