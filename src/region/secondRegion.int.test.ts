import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { invitationMail } from '../mail/templates.js';
import { seedReference } from '../seed/seedReference.js';
import { emptyDatabaseEnv, testCtx } from '../test/database.js';
import { buildApp } from '../web/app.js';
import { useRegionPack } from './activeRegion.js';
import { RegionMismatchError } from './installation.js';
import { requireRegionPack } from './loadPack.js';
import { writeNewPack } from './newPack.js';
import { municipalitiesOf } from './referenceGeo.js';
import { defaultRegionDir } from '../config.js';

/**
 * A second region made with `riktning region new` (Uppsala län, strategy still to be filled in)
 * starts with its own municipalities, map, areas and goals, and nothing it serves names the
 * default region.
 */
const DEFAULT_REGION = /kalmar/i;

let packDir: string;
let database: Database;
let app: FastifyInstance;
let drop: () => Promise<void>;

beforeAll(async () => {
  packDir = path.join(mkdtempSync(path.join(tmpdir(), 'riktning-pack-')), 'uppsala');
  writeNewPack('03', packDir);
  useRegionPack(requireRegionPack(packDir));
  const empty = await emptyDatabaseEnv();
  drop = empty.drop;
  database = await openDatabase(loadConfig({ ...empty.env, RIKTNING_REGION: packDir }).database);
  await database.migrate();
  await seedReference(testCtx(database.db));
  app = await buildApp({ database });
}, 120_000);

afterAll(async () => {
  // Files may share a worker's modules: leave the default pack active for the next one.
  useRegionPack(requireRegionPack(defaultRegionDir));
  await app?.close();
  await database?.close();
  await drop?.();
  rmSync(path.dirname(packDir), { recursive: true, force: true });
});

const internalLinks = (body: string) =>
  [...body.matchAll(/href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((href) => !/^\/(admin|logga-in|static|glomt-losenord|sprak)/.test(href))
    .filter((href) => !/^\/en\/(admin|logga-in)/.test(href));

describe('a second region pack', () => {
  it('starts with its own county, municipalities, areas and goals, placeholders marked', async () => {
    const start = await app.inject('/');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Uppsala län');
    expect(start.body).toContain('[Att fylla i]');
    const places = await app.inject('/kommuner');
    expect(places.statusCode).toBe(200);
    const own = municipalitiesOf('03');
    expect(own.length).toBe(8);
    for (const m of own) expect(places.body).toContain(m.name);
    expect(places.body).not.toContain('Västervik');
    const en = await app.inject('/en');
    expect(en.body).toContain('Uppsala County');
    expect(en.body).toContain('[To be filled in]');
  });

  it('no page, feed or export says the default region', async () => {
    const seen = new Set<string>();
    const queue = ['/', '/en', '/kommuner', '/uppfoljning', '/tillganglighet', '/personuppgifter'];
    while (queue.length > 0 && seen.size < 250) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await app.inject(url);
      if (res.statusCode >= 300 && res.statusCode < 400) continue;
      expect(res.statusCode, url).toBeLessThan(400);
      expect(res.body.match(DEFAULT_REGION)?.[0], url).toBeUndefined();
      if (String(res.headers['content-type']).includes('text/html')) {
        queue.push(...internalLinks(res.body).filter((l) => !seen.has(l)));
      }
    }
    expect(seen.size).toBeGreaterThan(20);
    for (const url of [
      '/flode.atom',
      '/dcat',
      '/api/v1/iati/activities.xml',
      '/api/v1/strategies',
      '/api/v1/goals',
      '/api/v1/places',
      '/api/v1/organisations',
      '/api/v1/indicators',
      '/api/v1/initiatives',
      '/api/v1/openapi.json',
      '/insatser.csv',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body.match(DEFAULT_REGION)?.[0], url).toBeUndefined();
    }
    const dcat = await app.inject('/dcat');
    expect(dcat.body).toContain('SE-C');
    const zip = await app.inject('/oppna-data/riktning.zip');
    expect(zip.statusCode).toBe(200);
    for (const [name, bytes] of Object.entries(unzipSync(zip.rawPayload))) {
      expect(strFromU8(bytes).match(DEFAULT_REGION)?.[0], name).toBeUndefined();
    }
  }, 300_000);

  it('signs its mails with its own name', () => {
    const mail = invitationMail({ link: 'http://localhost/x', role: 'aktor', days: 7 });
    expect(mail.text).toContain('Region Uppsala län');
    expect(mail.text).not.toMatch(DEFAULT_REGION);
  });

  it('refuses the default pack on its database, writing nothing', async () => {
    useRegionPack(requireRegionPack(defaultRegionDir));
    try {
      await expect(seedReference(testCtx(database.db))).rejects.toBeInstanceOf(RegionMismatchError);
    } finally {
      useRegionPack(requireRegionPack(packDir));
    }
  });
});
