import { afterEach, describe, expect, it } from 'vitest';
import {
  fakeTiming,
  startFixtureServer,
  type FixtureServer,
} from '../../src/domain/imports/fixtureServer.js';
import { koladaClient } from '../../src/domain/imports/kolada/koladaClient.js';
import { scbClient } from '../../src/domain/imports/scb/scbClient.js';
import { SourceError, sourceHttp } from '../../src/domain/imports/sourceHttp.js';

/** SSRF: importers call only the configured hosts, and follow no redirect off them. */
const servers: FixtureServer[] = [];
async function server(...args: Parameters<typeof startFixtureServer>) {
  const s = await startFixtureServer(...args);
  servers.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const page = (next: string | null) => ({
  values: [
    {
      kpi: 'N01951',
      municipality: '0880',
      period: 2023,
      values: [{ gender: 'T', count: 1, status: '', value: 1 }],
    },
  ],
  count: 1,
  next_url: next,
});

describe('SSRF in the importers', () => {
  it('refuses a next-page link that points at another host, without calling it', async () => {
    const elsewhere = await server(() => ({ body: page(null) }));
    const kolada = await server(() => ({ body: page(`${elsewhere.baseUrl}/steal`) }), '/v3');
    const client = koladaClient(kolada.baseUrl, fakeTiming());
    const err = await client.values('N01951', ['0880'], [2023]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('source_bad_response');
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('refuses a next-page link to the metadata address or a non-HTTP scheme', async () => {
    for (const next of ['http://169.254.169.254/latest/meta-data/', 'file:///etc/passwd']) {
      const kolada = await server(() => ({ body: page(next) }), '/v3');
      const err = await koladaClient(kolada.baseUrl, fakeTiming())
        .values('N01951', ['0880'], [2023])
        .catch((e: unknown) => e);
      expect((err as SourceError).code).toBe('source_bad_response');
      expect(kolada.requests).toHaveLength(1);
    }
  });

  it('follows no redirect to another host (such as a private address)', async () => {
    const internal = await server(() => ({ body: page(null) }));
    for (const location of [
      `${internal.baseUrl}/admin`,
      'http://10.0.0.1/',
      'http://[::1]:9/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const kolada = await server(() => ({ status: 302, headers: { location } }), '/v3');
      const err = await koladaClient(kolada.baseUrl, fakeTiming())
        .values('N01951', ['0880'], [2023])
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).code).toBe('source_bad_response');
      expect((err as SourceError).details.status).toBe(302);
    }
    expect(internal.requests).toHaveLength(0);
  });

  it('follows a redirect within the configured host, and stops a redirect loop', async () => {
    const kolada = await server(
      (req) =>
        req.path.startsWith('/moved')
          ? { body: page(null) }
          : { status: 301, headers: { location: '/v3/moved' } },
      '/v3',
    );
    const rows = await koladaClient(kolada.baseUrl, fakeTiming()).values(
      'N01951',
      ['0880'],
      [2023],
    );
    expect(rows).toHaveLength(1);

    const loop = await server(() => ({ status: 302, headers: { location: '/again' } }));
    const err = await sourceHttp(fakeTiming())
      .getJson(`${loop.baseUrl}/start`)
      .catch((e: unknown) => e);
    expect((err as SourceError).code).toBe('source_bad_response');
    expect(loop.requests.length).toBeLessThanOrEqual(6);
  });

  it('SCB calls only its two configured bases', async () => {
    const scb = await server(() => ({
      status: 307,
      headers: { location: 'http://127.0.0.2:1/x' },
    }));
    const client = scbClient({ v1: scb.baseUrl, v2: scb.baseUrl }, fakeTiming());
    const err = await client.v2('TAB638', { Region: ['08'] }).catch((e: unknown) => e);
    expect((err as SourceError).code).toBe('source_bad_response');
    const other = sourceHttp({ ...fakeTiming(), allowedOrigins: [scb.baseUrl] });
    const refused = await other.getJson('http://127.0.0.1:9/elsewhere').catch((e: unknown) => e);
    expect((refused as SourceError).message).toMatch(/inte en konfigurerad källa/);
  });
});
