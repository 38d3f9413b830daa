import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { strToU8, Zip, ZipDeflate } from 'fflate';
import type { Db } from '../../db/client.js';
import { presentInitiative } from '../initiatives/presentInitiative.js';
import { findPublishedInitiativeIds, loadPublishedInitiatives } from './initiativeQueries.js';
import {
  presentGoal,
  presentGoalArea,
  presentIndicator,
  presentOrganisation,
  presentPerspective,
  presentPlace,
  presentProgressReport,
  presentSdgGoal,
  presentStrategy,
} from './presenters.js';
import { koladaAttribution, licence, publisher } from './publisher.js';
import {
  findProgressReports,
  listGoalAreas,
  listGoals,
  listIndicators,
  listOrganisations,
  listPerspectives,
  listPlaces,
  listSdgGoals,
  listStrategies,
} from './referenceQueries.js';
import { initiativesTable, observationsTable, tableCsv } from './tables.js';

/**
 * The bulk dump: all public data as one ZIP of CSV and JSON files with a README and a
 * Frictionless `datapackage.json` listing every file, its licence and source. Every file goes
 * through the same presenters as the API, so nothing unpublished or personal can get in.
 *
 * Files are produced and compressed one at a time, in 64 KiB slices with a turn of the event
 * loop between them, so a build holds one file uncompressed at a time and never holds up other
 * requests for more than a few milliseconds.
 */

interface Entry {
  path: string;
  title: string;
  format: 'csv' | 'json' | 'markdown';
  sources: string[];
}

const SLICE = 64 * 1024;
/** A fixed time in the ZIP headers, so the same data gives the same bytes. */
const MTIME = new Date(Date.UTC(2020, 0, 1));

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Every page of the progress reports, in id order. */
async function allProgressReports(db: Db) {
  const out = [];
  for (let offset = 0; ; offset += 500) {
    const { rows } = await findProgressReports(db, {}, { limit: 500, offset });
    out.push(...rows.map(presentProgressReport));
    if (rows.length < 500) return out;
  }
}

export async function buildBulkDump(
  db: Db,
  options: { baseUrl: string; version: string },
): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, data) => {
    if (err) failure = err;
    else chunks.push(data);
  });
  const entries: Entry[] = [];
  const own = `${publisher.name}, Riktning (${options.baseUrl}/)`;

  const add = async (entry: Entry, text: string) => {
    entries.push(entry);
    const file = new ZipDeflate(entry.path, { level: 6 });
    file.mtime = MTIME;
    zip.add(file);
    const bytes = strToU8(text);
    for (let at = 0; at < bytes.length || at === 0; at += SLICE) {
      const end = Math.min(at + SLICE, bytes.length);
      file.push(bytes.subarray(at, end), end >= bytes.length);
      await yieldToLoop();
      if (end >= bytes.length) break;
    }
  };

  const initiatives = await initiativesTable(db, {}, options.baseUrl);
  await add(
    { path: 'insatser.csv', title: 'Publicerade insatser', format: 'csv', sources: [own] },
    tableCsv(initiatives),
  );
  const { ids } = await findPublishedInitiativeIds(db, {});
  // Loaded in slices of 200, presented as they come, so only the published shape is kept.
  const detailed = [];
  for (let at = 0; at < ids.length; at += 200) {
    const slice = await loadPublishedInitiatives(db, ids.slice(at, at + 200));
    detailed.push(...slice.map(presentInitiative));
  }
  await add(
    { path: 'insatser.json', title: 'Publicerade insatser', format: 'json', sources: [own] },
    json({ initiatives: detailed }),
  );
  detailed.length = 0;
  await add(
    { path: 'lagesrapporter.json', title: 'Lägesrapporter', format: 'json', sources: [own] },
    json({ progress_reports: await allProgressReports(db) }),
  );

  const reference: [string, string, string, () => Promise<unknown[]>][] = [
    [
      'strategier.json',
      'Strategiversioner',
      'strategies',
      async () => (await listStrategies(db)).map(presentStrategy),
    ],
    [
      'malomraden.json',
      'Målområden',
      'goal_areas',
      async () => (await listGoalAreas(db)).map(presentGoalArea),
    ],
    ['mal.json', 'Mål', 'goals', async () => (await listGoals(db)).map(presentGoal)],
    [
      'perspektiv.json',
      'Horisontella perspektiv',
      'perspectives',
      async () => (await listPerspectives(db)).map(presentPerspective),
    ],
    [
      'agenda2030.json',
      'Agenda 2030: mål och delmål',
      'sdg_goals',
      async () => (await listSdgGoals(db)).map(presentSdgGoal),
    ],
    ['platser.json', 'Platser', 'places', async () => (await listPlaces(db)).map(presentPlace)],
    [
      'aktorer.json',
      'Aktörer',
      'organisations',
      async () => (await listOrganisations(db)).map(presentOrganisation),
    ],
  ];
  for (const [path, title, key, load] of reference) {
    await add({ path, title, format: 'json', sources: [own] }, json({ [key]: await load() }));
  }

  const indicatorRows = await listIndicators(db);
  await add(
    { path: 'indikatorer.json', title: 'Indikatorer', format: 'json', sources: [own] },
    json({ indicators: indicatorRows.map(presentIndicator) }),
  );
  for (const { indicator } of indicatorRows) {
    const table = await observationsTable(db, indicator.slug, {}, options.baseUrl);
    const kolada = indicator.source === 'kolada';
    await add(
      {
        path: `utfall/${indicator.slug}.csv`,
        title: `Utfall: ${indicator.nameSv} (${indicator.unit})`,
        format: 'csv',
        sources: kolada ? [own, koladaAttribution] : [own],
      },
      tableCsv(table),
    );
  }

  await add(
    { path: 'datapackage.json', title: 'Beskrivning av paketet', format: 'json', sources: [own] },
    json(dataPackage(entries, options)),
  );
  await add(
    { path: 'README.md', title: 'Läs mig', format: 'markdown', sources: [own] },
    readme(entries, options),
  );
  zip.end();
  if (failure) throw failure;
  return Buffer.concat(chunks);
}

function dataPackage(entries: Entry[], options: { baseUrl: string; version: string }) {
  return {
    profile: 'data-package',
    name: 'riktning',
    title: `${publisher.name} – Riktning: öppna data`,
    description:
      'Den regionala utvecklingsstrategin: strategi, mål, insatser, lägesrapporter, indikatorer och utfall.',
    homepage: `${options.baseUrl}/oppna-data`,
    version: options.version,
    licenses: [{ name: 'CC0-1.0', path: licence.uri, title: licence.nameSv }],
    sources: [
      { title: `${publisher.name}, Riktning`, path: `${options.baseUrl}/` },
      { title: 'Kolada (RKA)', path: 'https://www.kolada.se/' },
    ],
    resources: entries.map((e) => ({
      name: e.path.replace(/\.[a-z]+$/, '').replace(/[^a-z0-9]+/g, '-'),
      path: e.path,
      title: e.title,
      format: e.format,
      mediatype: e.format === 'csv' ? 'text/csv' : 'application/json',
      encoding: 'utf-8',
      ...(e.format === 'csv' ? { dialect: { delimiter: ',', commentChar: '#' } } : {}),
      sources: e.sources.map((title) => ({ title })),
    })),
  };
}

function readme(entries: Entry[], options: { baseUrl: string; version: string }): string {
  const lines = [
    `# ${publisher.name} – Riktning: öppna data`,
    '',
    'Alla publicerade uppgifter i Riktning som en fil. All public data in Riktning in one file.',
    '',
    `- Källa / source: ${publisher.name}, Riktning, ${options.baseUrl}/`,
    `- Licens / licence: ${licence.nameSv} (${licence.uri}). ${koladaAttribution} där värden kommer från Kolada / where values come from Kolada.`,
    `- Dataversion / data version: ${options.version}`,
    `- API: ${options.baseUrl}/api/v1/openapi.json · DCAT: ${options.baseUrl}/dcat`,
    '',
    'CSV: UTF-8 med BOM, komma som avgränsare, rader som börjar med # är källa, licens och enhet.',
    'CSV: UTF-8 with BOM, comma-separated; lines starting with # state source, licence and unit.',
    'JSON: samma form som API:t (snake_case) / the same shape as the API.',
    '',
    '## Filer / files',
    '',
    ...entries.map((e) => `- \`${e.path}\` – ${e.title}`),
    '- `README.md` – den här filen / this file',
    '',
  ];
  return lines.join('\n');
}
