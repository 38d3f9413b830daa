import { describe, expect, it } from 'vitest';
import type { InitiativeData } from './initiativeSchema.js';
import { diffInitiatives, differingFields, type ValueNames } from './versionDiff.js';

const names: ValueNames = {
  organisation: (id) => `Org ${id}`,
  goal: (id) => `Mål ${id}`,
  perspective: (id) => `Perspektiv ${id}`,
  place: (code) => `Plats ${code}`,
  measure: (id) => `Åtgärd ${id}`,
  status: (s) => s,
  role: (r) => r,
  source: (s) => s,
  yes: 'Ja',
  no: 'Nej',
};

const base: InitiativeData = {
  title: 'Solceller',
  summary: 'Skolornas tak får solceller.',
  description: 'Ett långt stycke om solceller på skolor i länet.',
  titleEn: null,
  summaryEn: null,
  descriptionEn: null,
  status: 'planerad',
  startDate: '2026-01-01',
  endDate: null,
  ownerOrganisationId: 1,
  partners: [{ organisationId: 2, role: 'partner' }],
  funding: [{ source: 'kommun', amountSek: 250000, year: 2026 }],
  placeCodes: ['0880', '0881'],
  goalIds: [3],
  perspectiveIds: [],
  sdgTargetCodes: ['7.2'],
  measureIds: [],
  diarienummer: null,
  contactEmail: null,
  exampleOfYear: null,
  isDemo: false,
};

describe('diffInitiatives', () => {
  it('reports values, list additions and removals, and word diffs of long texts', () => {
    const after: InitiativeData = {
      ...base,
      title: 'Solceller på skolor',
      description: 'Ett kort stycke om solceller på skolor i länet.',
      placeCodes: ['0880', '0882'],
      status: 'pagaende',
    };
    const changes = diffInitiatives(base, after, names);
    expect(changes.map((c) => c.field)).toEqual(['title', 'description', 'status', 'placeCodes']);
    expect(changes[0]).toEqual({
      field: 'title',
      kind: 'value',
      before: 'Solceller',
      after: 'Solceller på skolor',
    });
    expect(changes[3]).toEqual({
      field: 'placeCodes',
      kind: 'list',
      added: ['Plats 0882'],
      removed: ['Plats 0881'],
    });
    const text = changes[1]!;
    expect(text.kind === 'text' && text.parts).toEqual([
      { op: 'same', text: 'Ett ' },
      { op: 'removed', text: 'långt' },
      { op: 'added', text: 'kort' },
      { op: 'same', text: ' stycke om solceller på skolor i länet.' },
    ]);
  });

  it('finds nothing between equal states and treats list order as irrelevant', () => {
    expect(diffInitiatives(base, { ...base }, names)).toEqual([]);
    expect(
      differingFields(base, { ...base, placeCodes: ['0881', '0880'], title: 'Annat' }, names),
    ).toEqual(['title']);
  });

  it('shows every filled field of a first version as added', () => {
    const changes = diffInitiatives(null, base, names);
    expect(changes.find((c) => c.field === 'goalIds')).toEqual({
      field: 'goalIds',
      kind: 'list',
      added: ['Mål 3'],
      removed: [],
    });
    expect(changes.some((c) => c.field === 'endDate')).toBe(false);
  });
});
