import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  fakeTiming,
  recordingSleep,
  startFixtureServer,
  type FixtureServer,
} from '../fixtureServer.js';
import { SourceParseError } from '../parsedRow.js';
import { SourceError } from '../sourceHttp.js';
import { koladaClient } from './koladaClient.js';
import { parseKoladaDataPage } from './koladaSchema.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const pages: Record<string, string> = {
  '1': 'kolada/data-N01951-page1.json',
  '2': 'kolada/data-N01951-page2.json',
  '3': 'kolada/data-N01951-page3.json',
};

describe('koladaClient', () => {
  it('follows next_url and next_page, reads string periods and missing values', async () => {
    server = await startFixtureServer((req) => {
      if (req.path === '/kpi/N01951') return { fixture: 'kolada/kpi-N01951.json' };
      return { fixture: pages[req.query.get('page') ?? '1'] };
    }, '/v3');
    const client = koladaClient(server.baseUrl, fakeTiming());
    expect((await client.kpi('N01951')).title).toBe('Invånare totalt, antal');
    const batches: number[] = [];
    const rows = await client.values('N01951', ['0008', '0880'], [2022, 2023, 2024], (p) =>
      batches.push(p.pages),
    );
    expect(batches).toEqual([3]);
    expect(rows).toHaveLength(8);
    expect(rows).toContainEqual({
      placeCode: '0880',
      period: 2023,
      gender: 'T',
      value: 71520,
      status: '',
    });
    expect(rows).toContainEqual({
      placeCode: '0008',
      period: 2024,
      gender: 'T',
      value: null,
      status: 'Missing',
    });
    expect(
      rows.filter((r) => r.placeCode === '0008' && r.period === 2022).map((r) => r.gender),
    ).toEqual(['K', 'M', 'T']);
    expect(server.requests[1]!.path).toBe(
      '/data/kpi/N01951/municipality/0008,0880/year/2022,2023,2024',
    );
  });

  it('batches municipality ids, at most 20 per call', async () => {
    server = await startFixtureServer(() => ({ body: { values: [], count: 0, next_url: null } }));
    const codes = Array.from({ length: 45 }, (_, i) => String(800 + i).padStart(4, '0'));
    const client = koladaClient(server.baseUrl, fakeTiming());
    await client.values('N01951', codes, [2023]);
    const sizes = server.requests.map((r) => r.path.split('/')[5]!.split(',').length);
    expect(sizes).toEqual([20, 20, 5]);
  });

  it('keeps only the places each batch asked for, so two batches never store one value twice', async () => {
    // A source that answers every batch with the same page (as a misbehaving proxy might).
    server = await startFixtureServer((req) => ({
      fixture: pages[req.query.get('page') ?? '1'],
    }));
    const codes = ['0880', ...Array.from({ length: 24 }, (_, i) => String(1000 + i)), '0008'];
    const client = koladaClient(server.baseUrl, fakeTiming());
    const rows = await client.values('N01951', codes, [2022, 2023, 2024]);
    // 0880 is in the first batch, 0008 in the second: each value comes from its own batch.
    expect(rows).toHaveLength(8);
    const keys = rows.map((r) => `${r.placeCode}|${r.period}|${r.gender}`);
    expect(new Set(keys).size).toBe(keys.length);
    const other = await client.values('N01951', ['0881'], [2023]);
    expect(other).toEqual([]);
  });
  it('retries a 429, honouring Retry-After, then succeeds', async () => {
    let calls = 0;
    server = await startFixtureServer(() => {
      calls += 1;
      return calls === 1
        ? { status: 429, headers: { 'retry-after': '7' }, body: { error: 'rate' } }
        : { fixture: 'kolada/kpi-N01951.json' };
    });
    const { sleep, now, waits } = recordingSleep();
    const client = koladaClient(server.baseUrl, { sleep, now, backoffMs: 100 });
    expect((await client.kpi('N01951')).id).toBe('N01951');
    expect(waits).toContain(7000);
    expect(client.requests).toBe(2);
  });

  it('backs off exponentially on 5xx and gives up with a typed error', async () => {
    server = await startFixtureServer(() => ({ status: 503, body: 'nere' }));
    const { sleep, now, waits } = recordingSleep();
    const client = koladaClient(server.baseUrl, { sleep, now, backoffMs: 100, retries: 3 });
    const err = await client.kpi('N01951').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('source_http_error');
    expect(waits.filter((w) => w >= 100)).toEqual([100, 200, 400]);
  });

  it('retries network errors and reports the source as unavailable', async () => {
    const { sleep, now, waits } = recordingSleep();
    const client = koladaClient('http://127.0.0.1:9', { sleep, now, retries: 2, backoffMs: 10 });
    const err = (await client.kpi('N01951').catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('source_unavailable');
    expect(waits.filter((w) => w >= 10)).toEqual([10, 20]);
  });

  it('gives up on a request that outlives its timeout', async () => {
    server = await startFixtureServer(
      () => new Promise((resolve) => setTimeout(() => resolve({ body: {} }), 1000)),
    );
    const { sleep, now } = recordingSleep();
    const client = koladaClient(server.baseUrl, { sleep, now, retries: 1, timeoutMs: 50 });
    const err = (await client.kpi('N01951').catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('source_unavailable');
    expect(err.message).toContain('tidsgränsen');
    expect(client.requests).toBe(2);
  });

  it('says clearly when a KPI does not exist', async () => {
    server = await startFixtureServer(() => ({ fixture: 'kolada/kpi-unknown.json' }));
    const client = koladaClient(server.baseUrl, fakeTiming());
    const err = (await client.kpi('N99999').catch((e: unknown) => e)) as SourceError;
    expect(err.code).toBe('unknown_kpi');
    expect(err.message).toContain('N99999');
  });

  it('keeps to the rate limit by waiting for a slot', async () => {
    server = await startFixtureServer(() => ({ fixture: 'kolada/kpi-N01951.json' }));
    let t = 0;
    const waits: number[] = [];
    const client = koladaClient(server.baseUrl, {
      now: () => t,
      sleep: (ms) => {
        waits.push(ms);
        t += ms;
        return Promise.resolve();
      },
      rateLimit: { calls: 2, perMs: 1000 },
    });
    for (let i = 0; i < 5; i += 1) await client.kpi('N01951');
    expect(waits).toEqual([1000, 1000]);
  });
});

describe('parseKoladaDataPage (property)', () => {
  it('never throws anything but a SourceParseError', () => {
    const row = fc.record({
      kpi: fc.oneof(fc.constant('N01951'), fc.string()),
      municipality: fc.oneof(fc.constantFrom('0880', '0008'), fc.string()),
      period: fc.oneof(fc.integer(), fc.constantFrom('2023', '20x3'), fc.constant(null)),
      values: fc.oneof(
        fc.array(
          fc.record({
            gender: fc.oneof(fc.constantFrom('T', 'K', 'M'), fc.string()),
            status: fc.oneof(fc.string(), fc.constant(null)),
            value: fc.oneof(fc.double(), fc.constant(null), fc.string()),
          }),
        ),
        fc.anything(),
      ),
    });
    const page = fc.oneof(
      fc.record({ values: fc.array(row), next_url: fc.oneof(fc.string(), fc.constant(null)) }),
      fc.anything(),
    );
    fc.assert(
      fc.property(page, (body) => {
        try {
          const parsed = parseKoladaDataPage(body);
          for (const r of parsed.rows) {
            expect(Number.isInteger(r.period)).toBe(true);
            expect(r.value === null ? r.status !== '' : Number.isFinite(r.value)).toBe(true);
          }
        } catch (err) {
          if (!(err instanceof SourceParseError)) throw err;
        }
      }),
      { numRuns: 400 },
    );
  });
});
