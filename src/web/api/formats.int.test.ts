import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Parser, type Quad } from 'n3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.js';
import { createTestDatabase } from '../../test/database.js';
import { buildApp } from '../app.js';
import { endpoints } from './spec.js';
import { hostileTitle, person, seedOpenDataFixtures } from './testFixtures.js';

const iatiDir = fileURLToPath(new URL('../../../reference/iati/', import.meta.url));
const xmllintMissing =
  'xmllint saknas: installera Debians libxml2-utils ("apt-get install -y libxml2-utils"); ' +
  'scripts/test.mjs och .ci/run gör det på en ny maskin.';

/** Runs xmllint; the test fails with a clear message when it is not installed. */
function xmllint(args: string[], xml?: string): { ok: boolean; output: string } {
  const probe = spawnSync('xmllint', ['--version']);
  if (probe.error) throw new Error(xmllintMissing);
  const dir = mkdtempSync(path.join(tmpdir(), 'riktning-xml-'));
  try {
    const file = path.join(dir, 'doc.xml');
    if (xml !== undefined) writeFileSync(file, xml);
    const res = spawnSync('xmllint', [...args, ...(xml !== undefined ? [file] : [])], {
      encoding: 'utf8',
    });
    return { ok: res.status === 0, output: `${res.stdout}${res.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const iatiSchema = [
  '--noout',
  '--nonet',
  '--schema',
  path.join(iatiDir, 'iati-activities-schema.xsd'),
];

let database: Database;
let app: FastifyInstance;
let ids: Awaited<ReturnType<typeof seedOpenDataFixtures>>;
beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedOpenDataFixtures(database.db);
  app = await buildApp({ database });
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('CSV downloads', () => {
  it('starts with a BOM and comment rows, and neutralises formula cells', async () => {
    const res = await app.inject('/api/v1/initiatives.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toContain('insatser.csv');
    const body = res.body;
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^# Källa: Region Kalmar län/);
    expect(lines[1]).toContain('creativecommons.org/publicdomain/zero/1.0/');
    expect(lines[2]).toMatch(/^# Belopp i kronor/);
    expect(lines[3]).toMatch(/^id,title,summary,status,/);
    const row = lines.find((l) => l.startsWith(`${ids.hostileId},`))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"")&<b>"`);
    expect(row).toContain(`"'+46 ringer ""citat""`);
    expect(row).not.toMatch(/,[=+\-@]/);
    expect(lines.filter((l) => l !== '' && !l.startsWith('#')).length).toBe(
      (await app.inject('/api/v1/initiatives')).json().meta.pagination.total + 1,
    );
  });

  it('uses semicolons and decimal commas on request, with the same filters as the list', async () => {
    const res = await app.inject('/api/v1/initiatives.csv?delimiter=semicolon&place=0880');
    const lines = res.body
      .slice(1)
      .split('\r\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(lines[0]).toMatch(/^id;title;summary;status;/);
    const total = (await app.inject('/api/v1/initiatives?place=0880')).json().meta.pagination.total;
    expect(lines.length).toBe(total + 1);
  });

  it('downloads the observations of an indicator', async () => {
    const [indicator] = (await app.inject('/api/v1/indicators')).json().indicators;
    const res = await app.inject(
      `/api/v1/indicators/${indicator.slug}/observations.csv?delimiter=semicolon&gender=T`,
    );
    expect(res.statusCode).toBe(200);
    const lines = res.body.slice(1).split('\r\n');
    expect(lines.some((l) => l.startsWith('# Indikator:'))).toBe(true);
    const header = lines.find((l) => l.startsWith('indicator;'))!;
    expect(header).toBe('indicator;place_code;period;gender;value;status;source;is_demo');
    const data = lines.filter((l) => l.startsWith(`${indicator.slug};`));
    expect(data.length).toBeGreaterThan(0);
    for (const l of data) expect(l.split(';')[3]).toBe('T');
    if (indicator.source === 'kolada') expect(res.body).toContain('# Källa: Kolada');
  });
});

describe('IATI 2.03', () => {
  it('shows the schema check can fail and pass on the upstream samples', () => {
    const good = xmllint([...iatiSchema, path.join(iatiDir, 'sample-valid.xml')]);
    expect(good.ok, good.output).toBe(true);
    const bad = xmllint([...iatiSchema, path.join(iatiDir, 'sample-invalid.xml')]);
    expect(bad.ok).toBe(false);
    expect(bad.output).toContain('fails to validate');
  });

  it('publishes every published initiative as a schema-valid iati-activity', async () => {
    const res = await app.inject('/api/v1/iati/activities.xml');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const result = xmllint(iatiSchema, res.body);
    expect(result.ok, result.output.slice(0, 2000)).toBe(true);
    const total = (await app.inject('/api/v1/initiatives')).json().meta.pagination.total;
    expect(res.body.match(/<iati-activity /g)).toHaveLength(total);
    expect(res.body).toContain('<iati-activities version="2.03"');
    expect(res.body).toContain(`-riktning-${ids.hostileId}</iati-identifier>`);
    expect(res.body).not.toContain(`-riktning-${ids.draftId}<`);
    expect(res.body).toContain('=HYPERLINK(&quot;http://evil.example&quot;)&amp;&lt;b&gt;');
    expect(res.body).not.toContain('\u0007');
    for (const fragment of [
      '<reporting-org ref="SE-ON-',
      '<narrative xml:lang="sv">Region Kalmar län</narrative>',
      '<participating-org',
      'role="2"',
      'role="1"',
      'role="4"',
      '<activity-status code="',
      '<activity-date type="',
      '<recipient-country code="SE" percentage="100"/>',
      '<location ref="kolada-',
      '<sector vocabulary="99"',
      '<tag vocabulary="2" code="',
      '<tag vocabulary="3" code="',
      '<tag vocabulary="99" vocabulary-uri="',
      '<budget type="1" status="1">',
      '<value currency="SEK"',
      '<transaction-type code="11"/>',
    ]) {
      expect(res.body, fragment).toContain(fragment);
    }
  });
});

describe('DCAT-AP-SE', () => {
  const DCAT = 'http://www.w3.org/ns/dcat#';
  const DCT = 'http://purl.org/dc/terms/';
  const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';

  it('describes the catalogue, datasets and distributions in Turtle by default', async () => {
    const res = await app.inject('/dcat');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(res.headers.vary).toContain('Accept');
    const quads: Quad[] = new Parser({ format: 'text/turtle' }).parse(res.body);
    const of = (s: string, p: string) =>
      quads.filter((q) => q.subject.value === s && q.predicate.value === p).map((q) => q.object);
    const typed = (t: string) =>
      quads
        .filter((q) => q.predicate.value === RDF_TYPE && q.object.value === t)
        .map((q) => q.subject.value);
    const [catalog] = typed(`${DCAT}Catalog`);
    expect(catalog).toBeDefined();
    for (const p of [`${DCT}title`, `${DCT}description`, `${DCT}publisher`, `${DCAT}dataset`]) {
      expect(of(catalog!, p).length, p).toBeGreaterThan(0);
    }
    expect(
      of(catalog!, `${DCT}title`)
        .map((o) => (o as { language: string }).language)
        .sort(),
    ).toEqual(['en', 'sv']);
    const publisherIri = of(catalog!, `${DCT}publisher`)[0]!.value;
    expect(typed('http://xmlns.com/foaf/0.1/Agent')).toContain(publisherIri);
    expect(of(publisherIri, `${DCT}type`)).toHaveLength(1);
    expect(of(publisherIri, 'http://xmlns.com/foaf/0.1/name')[0]!.value).toBe('Region Kalmar län');

    const datasets = typed(`${DCAT}Dataset`);
    expect(datasets).toHaveLength(2);
    for (const d of datasets) {
      for (const p of [
        `${DCT}title`,
        `${DCT}description`,
        `${DCAT}contactPoint`,
        `${DCT}publisher`,
        `${DCAT}theme`,
        `${DCT}spatial`,
        `${DCT}temporal`,
        `${DCT}modified`,
        `${DCAT}keyword`,
        `${DCAT}distribution`,
      ]) {
        expect(of(d, p).length, `${d} ${p}`).toBeGreaterThan(0);
      }
      const contact = of(d, `${DCAT}contactPoint`)[0]!.value;
      expect(of(contact, 'http://www.w3.org/2006/vcard/ns#hasEmail')[0]!.value).toMatch(/^mailto:/);
      for (const dist of of(d, `${DCAT}distribution`)) {
        expect(typed(`${DCAT}Distribution`)).toContain(dist.value);
        for (const p of [`${DCAT}accessURL`, `${DCT}format`, `${DCT}license`]) {
          expect(of(dist.value, p).length, `${dist.value} ${p}`).toBe(1);
        }
        expect(of(dist.value, `${DCT}license`)[0]!.value).toBe(
          'http://creativecommons.org/publicdomain/zero/1.0/',
        );
      }
    }
    const downloads = quads
      .filter((q) => q.predicate.value === `${DCAT}downloadURL`)
      .map((q) => q.object.value);
    expect(downloads).toEqual(
      expect.arrayContaining([
        'http://localhost:3000/api/v1/initiatives',
        'http://localhost:3000/api/v1/initiatives.csv',
        'http://localhost:3000/api/v1/iati/activities.xml',
      ]),
    );
  });

  it('answers RDF/XML when asked, well-formed', async () => {
    const res = await app.inject({ url: '/dcat', headers: { accept: 'application/rdf+xml' } });
    expect(res.headers['content-type']).toBe('application/rdf+xml; charset=utf-8');
    const result = xmllint(['--noout', '--nonet'], res.body);
    expect(result.ok, result.output).toBe(true);
    expect(res.body).toContain('<dcat:Catalog rdf:about=');
    const pref = await app.inject({
      url: '/dcat',
      headers: { accept: 'application/rdf+xml;q=0.5, text/turtle' },
    });
    expect(pref.headers['content-type']).toContain('text/turtle');
  });
});

describe('no personal data', () => {
  it('never publishes users, their ids, e-mail addresses or passwords', async () => {
    const urls = [
      ...Object.values(endpoints)
        .map((e) => e.path)
        .filter((p) => !p.includes(':'))
        .map((p) => (/\.(csv|xlsx|xml|json)$/.test(p) || p === '/dcat' ? p : `${p}?per_page=100`)),
      `/api/v1/initiatives/${ids.hostileId}`,
    ];
    const [indicator] = (await app.inject('/api/v1/indicators')).json().indicators;
    urls.push(
      `/api/v1/indicators/${indicator.slug}/observations?per_page=100`,
      `/api/v1/indicators/${indicator.slug}/observations.csv`,
    );
    let all = '';
    for (const url of urls) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      all += res.body;
      for (const forbidden of [
        person.email,
        person.name,
        'password',
        'passwordHash',
        'user_id',
        'userId',
        'submitted_by',
        'triggered_by',
      ]) {
        expect(res.body.toLowerCase(), `${url} contains ${forbidden}`).not.toContain(
          forbidden.toLowerCase(),
        );
      }
    }
    expect(all).toContain(hostileTitle.slice(1, 10));
    const addresses = new Set(all.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []);
    for (const a of addresses) expect(a, a).not.toBe(person.email);
  });
});
