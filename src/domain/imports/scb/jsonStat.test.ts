import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  readFixture,
  fakeTiming,
  startFixtureServer,
  type FixtureServer,
} from '../fixtureServer.js';
import { SourceParseError } from '../parsedRow.js';
import type { SourceError } from '../sourceHttp.js';
import {
  MAX_JSON_STAT_CELLS,
  MAX_JSON_STAT_SPAN,
  parseJsonStat,
  scbCellsToRows,
  scbRegionToPlace,
} from './jsonStat.js';
import { SCB_RATE_LIMIT, scbClient } from './scbClient.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('parseJsonStat', () => {
  it('reads a row-major dataset with Region, Kon, ContentsCode and Tid, and sparse status', async () => {
    const data = parseJsonStat(JSON.parse(await readFixture('scb/BefolkningNy-json-stat2.json')));
    expect(data.ids).toEqual(['Region', 'Kon', 'ContentsCode', 'Tid']);
    expect(data.cells).toHaveLength(12);
    expect(data.cells[3]).toEqual({
      coords: { Region: '08', Kon: '2', ContentsCode: 'BE0101N1', Tid: '2023' },
      value: 122931,
      status: '',
    });
    expect(data.cells[9]).toMatchObject({ value: null, status: '..' });
    const rows = scbCellsToRows(data);
    expect(rows).toContainEqual({
      placeCode: '0008',
      period: 2022,
      gender: 'M',
      value: 123880,
      status: '',
    });
    expect(rows).toContainEqual({
      placeCode: '0880',
      period: 2023,
      gender: 'K',
      value: null,
      status: '..',
    });
    expect(rows.filter((r) => r.gender === 'T').map((r) => r.value)).toEqual([
      246811, 246641, 71309, 71520,
    ]);
  });

  it('accepts array indexes and maps riket and the county to our codes', async () => {
    const data = parseJsonStat(JSON.parse(await readFixture('scb/TAB638-v2-json-stat2.json')));
    const rows = scbCellsToRows(data);
    expect(rows.map((r) => `${r.placeCode}/${r.period}/${r.gender}`)).toEqual([
      '0000/2023/T',
      '0000/2024/T',
      '0008/2023/T',
      '0008/2024/T',
      '0880/2023/T',
      '0880/2024/T',
    ]);
    expect(scbRegionToPlace('00')).toBe('0000');
    expect(scbRegionToPlace('08')).toBe('0008');
    expect(scbRegionToPlace('0885')).toBe('0885');
  });

  it('reads sparse values as an object and refuses inconsistent sizes', () => {
    const base = {
      id: ['Region', 'Tid'],
      size: [1, 2],
      dimension: {
        Region: { category: { index: ['0880'] } },
        Tid: { category: { index: ['2022', '2023'] } },
      },
    };
    expect(parseJsonStat({ ...base, value: { '1': 5 } }).cells).toEqual([
      { coords: { Region: '0880', Tid: '2023' }, value: 5, status: '' },
    ]);
    expect(() => parseJsonStat({ ...base, value: [1] })).toThrow(SourceParseError);
    expect(() => parseJsonStat({ ...base, size: [2, 2], value: [1, 2, 3, 4] })).toThrow(
      SourceParseError,
    );
  });

  it('bounds the cells a table may span and the cells it may hold', () => {
    const table = (size: number, value: unknown) => ({
      id: ['Region', 'Tid'],
      size: [1, size],
      dimension: {
        Region: { category: { index: ['0880'] } },
        Tid: { category: { index: Array.from({ length: size }, (_, i) => String(i)) } },
      },
      value,
    });
    expect(() => parseJsonStat(table(MAX_JSON_STAT_SPAN + 1, {}))).toThrow(/för många celler/);
    const full = Array.from({ length: MAX_JSON_STAT_CELLS + 1 }, () => 1);
    expect(() => parseJsonStat(table(MAX_JSON_STAT_CELLS + 1, full))).toThrow(
      /fler än 500000 celler/,
    );
  });

  it('names a dimension id that is only a property of every object as missing', () => {
    for (const id of ['valueOf', 'constructor', 'toString', '__proto__']) {
      const body = JSON.parse(
        `{"id":["${id}"],"size":[0],"dimension":{"Region":{"category":{"index":[]}}},"value":{}}`,
      ) as unknown;
      expect(() => parseJsonStat(body), id).toThrow(SourceParseError);
    }
    const own = parseJsonStat(
      JSON.parse(
        '{"id":["valueOf"],"size":[1],"dimension":{"valueOf":{"category":{"index":["a"]}}},"value":[1]}',
      ),
    );
    expect(own.cells).toEqual([{ coords: { valueOf: 'a' }, value: 1, status: '' }]);
  });

  it('never throws anything but a SourceParseError (property)', () => {
    const code = fc.constantFrom('00', '08', '0880', '1', '2', '1+2', '2023', 'x');
    const dataset = fc
      .uniqueArray(fc.constantFrom('Region', 'Kon', 'Tid', 'ContentsCode', 'Alder'), {
        minLength: 1,
        maxLength: 4,
      })
      .chain((ids) =>
        fc.record({
          id: fc.oneof(fc.constant(ids), fc.array(fc.string())),
          size: fc.array(fc.integer({ min: 0, max: 3 }), {
            minLength: ids.length,
            maxLength: ids.length,
          }),
          dimension: fc.record(
            Object.fromEntries(
              ids.map((id) => [
                id,
                fc.record({
                  category: fc.record({
                    index: fc.oneof(
                      fc.uniqueArray(code, { maxLength: 3 }),
                      fc.dictionary(code, fc.integer({ min: -1, max: 3 })),
                    ),
                  }),
                }),
              ]),
            ),
          ),
          value: fc.oneof(
            fc.array(fc.oneof(fc.double(), fc.constant(null)), { maxLength: 30 }),
            fc.dictionary(fc.string(), fc.integer()),
          ),
          status: fc.oneof(
            fc.constant(undefined),
            fc.string(),
            fc.dictionary(fc.string(), fc.string()),
          ),
        }),
      );
    fc.assert(
      fc.property(fc.oneof(dataset, fc.anything()), (body) => {
        try {
          const rows = scbCellsToRows(parseJsonStat(body));
          for (const r of rows) expect(['T', 'K', 'M']).toContain(r.gender);
        } catch (err) {
          if (!(err instanceof SourceParseError)) throw err;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('scbClient', () => {
  it('POSTs a v1 query asking for json-stat2', async () => {
    server = await startFixtureServer(() => ({ fixture: 'scb/BefolkningNy-json-stat2.json' }));
    const client = scbClient({ v1: server.baseUrl, v2: server.baseUrl }, fakeTiming());
    const data = await client.v1('BE/BE0101/BE0101A/BefolkningNy', {
      Region: ['08', '0880'],
      Kon: ['1', '2', '1+2'],
    });
    expect(data.cells).toHaveLength(12);
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/BE/BE0101/BE0101A/BefolkningNy');
    expect(JSON.parse(req.body)).toEqual({
      query: [
        { code: 'Region', selection: { filter: 'item', values: ['08', '0880'] } },
        { code: 'Kon', selection: { filter: 'item', values: ['1', '2', '1+2'] } },
      ],
      response: { format: 'json-stat2' },
    });
  });

  it('GETs v2 data with valueCodes and outputFormat, and names an unknown table', async () => {
    server = await startFixtureServer((req) =>
      req.path === '/tables/TAB638/data'
        ? { fixture: 'scb/TAB638-v2-json-stat2.json' }
        : { status: 404, body: { title: 'Not found' } },
    );
    const client = scbClient({ v1: server.baseUrl, v2: server.baseUrl }, fakeTiming());
    await client.v2('TAB638', { Region: ['00', '08'], Tid: ['2023', '2024'] });
    const q = server.requests[0]!.query;
    expect(q.get('valueCodes[Region]')).toBe('00,08');
    expect(q.get('outputFormat')).toBe('json-stat2');
    const err = (await client.v2('TAB0', {}).catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('unknown_table');
  });

  it('keeps to at most 10 calls per 10 seconds', async () => {
    server = await startFixtureServer(() => ({ fixture: 'scb/TAB638-v2-json-stat2.json' }));
    let t = 0;
    const sent: number[] = [];
    const client = scbClient(
      { v1: server.baseUrl, v2: server.baseUrl },
      {
        now: () => t,
        sleep: (ms) => {
          t += ms;
          return Promise.resolve();
        },
        fetch: (input, init) => {
          sent.push(t);
          return fetch(input, init);
        },
      },
    );
    for (let i = 0; i < 25; i += 1) await client.v2('TAB638', {});
    for (let i = SCB_RATE_LIMIT.calls; i < sent.length; i += 1) {
      expect(sent[i]! - sent[i - SCB_RATE_LIMIT.calls]!).toBeGreaterThanOrEqual(10_000);
    }
  });
});
