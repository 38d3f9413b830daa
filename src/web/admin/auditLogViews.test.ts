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

  it('writes nested values as JSON and keeps fields that appear on one side only', () => {
    expect(fieldChanges({ a: [1, 2] }, { a: [1, 2], b: { c: true } })).toEqual([
      { field: 'b', before: null, after: '{"c":true}' },
    ]);
  });

  it('shows a value that is not an object as one row, and nothing when both are empty', () => {
    expect(fieldChanges('x', 'y')).toEqual([{ field: '–', before: 'x', after: 'y' }]);
    expect(fieldChanges(null, null)).toEqual([]);
  });
});
