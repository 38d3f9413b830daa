import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FUZZ_RUNS,
  FUZZ_TIMEOUT_MS,
  hostileFragments,
} from '../../../test/reliability/fuzzRuns.js';
import { CSV_COLUMNS, parseObservationsCsv, splitCsv } from './csv/parseObservationsCsv.js';
import { parseKoladaDataPage, parseKoladaKpiPage } from './kolada/koladaSchema.js';
import { SourceParseError } from './parsedRow.js';
import { parseJsonStat, scbCellsToRows } from './scb/jsonStat.js';
import { parseScbMetadata, parseScbTables } from './scb/scbCatalogue.js';

/** Property-based tests of the importers' parsers: any input gives rows or a typed error, never a crash. */
const text = fc.oneof(
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(...hostileFragments),
  fc.string(),
);

/** Runs fn; only the parser's own typed error is an acceptable way to say no. */
function parsesOrRefuses<T>(fn: () => T): T | null {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SourceParseError) return null;
    throw err;
  }
}

describe('Kolada JSON (property)', () => {
  const value = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.constant(null),
    text,
    fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e308, -0),
  );
  const row = fc.record(
    {
      kpi: fc.oneof(fc.constant('N01951'), text),
      municipality: fc.oneof(fc.constantFrom('0880', '0008', '0000'), text),
      period: fc.oneof(
        fc.integer(),
        fc.constantFrom('2023', ' 2023', '20x3', ''),
        fc.constant(null),
      ),
      values: fc.oneof(
        fc.array(
          fc.record(
            {
              gender: fc.oneof(fc.constantFrom('T', 'K', 'M', 't', ''), text),
              status: fc.oneof(fc.constantFrom('', 'Missing'), text, fc.constant(null)),
              value,
              count: fc.oneof(fc.integer(), text),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 5 },
        ),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  );
  const page = fc.oneof(
    fc.record(
      {
        values: fc.oneof(fc.array(row, { maxLength: 6 }), fc.jsonValue()),
        count: fc.oneof(fc.integer(), text),
        next_url: fc.oneof(text, fc.constant(null)),
        next_page: fc.oneof(text, fc.constant(null)),
      },
      { requiredKeys: [] },
    ),
    fc.jsonValue(),
    fc.anything(),
  );

  it(
    'a data page gives well-formed rows or a SourceParseError',
    () => {
      fc.assert(
        fc.property(page, (body) => {
          const parsed = parsesOrRefuses(() => parseKoladaDataPage(body));
          if (!parsed) return;
          for (const r of parsed.rows) {
            expect(Number.isInteger(r.period)).toBe(true);
            expect(['T', 'K', 'M']).toContain(r.gender);
            expect(r.value === null || Number.isFinite(r.value)).toBe(true);
          }
          expect(parsed.next === null || typeof parsed.next === 'string').toBe(true);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'a KPI page, an SCB catalogue answer and any JSON text never crash the parser',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.json(), text), (body) => {
          let value: unknown = body;
          try {
            value = JSON.parse(body);
          } catch {
            // not JSON: the parser gets the text itself
          }
          parsesOrRefuses(() => parseKoladaKpiPage(value));
          parsesOrRefuses(() => parseKoladaDataPage(value));
          parsesOrRefuses(() => parseScbTables(value));
          parsesOrRefuses(() => parseScbMetadata('TAB1', value));
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('JSON-stat 2.0 (property)', () => {
  const code = fc.oneof(fc.constantFrom('00', '08', '0880', '1', '2', '1+2', '2023', 'x'), text);
  const dimension = fc.record(
    {
      label: text,
      category: fc.record(
        {
          index: fc.oneof(
            fc.uniqueArray(code, { maxLength: 4 }),
            fc.dictionary(code, fc.integer({ min: -1, max: 5 }), { maxKeys: 4 }),
            fc.jsonValue(),
          ),
          label: fc.oneof(fc.dictionary(code, text, { maxKeys: 4 }), fc.jsonValue()),
        },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: [] },
  );
  const dataset = fc.oneof(
    fc.record(
      {
        version: fc.constantFrom('2.0', '1.0', ''),
        class: fc.constantFrom('dataset', 'collection', ''),
        id: fc.oneof(
          fc.uniqueArray(fc.constantFrom('Region', 'Kon', 'Tid', 'ContentsCode'), { maxLength: 4 }),
          fc.array(text, { maxLength: 4 }),
        ),
        size: fc.oneof(fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 4 }), fc.jsonValue()),
        dimension: fc.oneof(
          fc.dictionary(fc.constantFrom('Region', 'Kon', 'Tid', 'ContentsCode'), dimension, {
            maxKeys: 4,
          }),
          fc.jsonValue(),
        ),
        value: fc.oneof(
          fc.array(fc.oneof(fc.double(), fc.constant(null), text), { maxLength: 40 }),
          fc.dictionary(fc.string(), fc.double(), { maxKeys: 5 }),
          fc.jsonValue(),
        ),
        status: fc.oneof(fc.dictionary(fc.string(), text, { maxKeys: 5 }), fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
    fc.anything(),
  );

  it(
    'any body gives cells and rows, or a SourceParseError',
    () => {
      fc.assert(
        fc.property(dataset, (body) => {
          const parsed = parsesOrRefuses(() => parseJsonStat(body));
          if (!parsed) return;
          const rows = parsesOrRefuses(() => scbCellsToRows(parsed));
          for (const r of rows ?? []) {
            expect(['T', 'K', 'M']).toContain(r.gender);
            expect(r.value === null || Number.isFinite(r.value)).toBe(true);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});

describe('CSV import (property)', () => {
  const csvText = fc.oneof(
    text,
    fc
      .tuple(
        fc.array(
          fc.array(fc.oneof(text, fc.constantFrom('"', '""', '"a,b"', '\r\n')), {
            maxLength: 8,
          }),
          { maxLength: 10 },
        ),
        fc.constantFrom('\n', '\r\n', '\r'),
      )
      .map(([rows, eol]) => [CSV_COLUMNS.join(','), ...rows.map((r) => r.join(','))].join(eol)),
  );

  it(
    'never throws; every issue names a real line and a known column',
    () => {
      fc.assert(
        fc.property(csvText, (body) => {
          const { rows, issues } = parseObservationsCsv(body);
          const lines = body.split(/\r\n|\r|\n/).length;
          for (const i of issues) {
            // Row 0 is the file as a whole (an empty file).
            expect(i.row).toBeGreaterThanOrEqual(0);
            expect(i.row).toBeLessThanOrEqual(lines);
            expect(['_', ...CSV_COLUMNS]).toContain(i.field);
            expect(i.message.length).toBeGreaterThan(0);
          }
          for (const r of rows) {
            expect(['T', 'K', 'M']).toContain(r.gender);
            expect(r.value === null || Number.isFinite(r.value)).toBe(true);
          }
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'reads back every valid row it is given, whatever the quoting',
    () => {
      const quote = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const row = fc.record({
        indicator: fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/),
        place: fc.stringMatching(/^\d{4}$/),
        period: fc.integer({ min: 1900, max: 2100 }),
        gender: fc.constantFrom('T', 'K', 'M'),
        value: fc.integer({ min: -1_000_000, max: 1_000_000 }),
        status: fc.constantFrom('', 'preliminär'),
        quoted: fc.boolean(),
      });
      fc.assert(
        fc.property(fc.array(row, { minLength: 1, maxLength: 20 }), (rows) => {
          const body = [
            CSV_COLUMNS.join(','),
            ...rows.map((r) =>
              [r.indicator, r.place, String(r.period), r.gender, String(r.value), r.status]
                .map((f) => (r.quoted ? quote(f) : f))
                .join(','),
            ),
          ].join('\n');
          const parsed = parseObservationsCsv(body);
          expect(parsed.issues).toEqual([]);
          expect(
            parsed.rows.map((r) => [r.indicator, r.placeCode, r.period, r.gender, r.value]),
          ).toEqual(rows.map((r) => [r.indicator, r.place, r.period, r.gender, r.value]));
          expect(splitCsv(body)).toHaveLength(rows.length + 1);
        }),
        { numRuns: FUZZ_RUNS },
      );
    },
    FUZZ_TIMEOUT_MS,
  );
});
