import { readFile, stat } from 'node:fs/promises';
import { regionIdentity } from '../region/activeRegion.js';
import { assertDatabaseRegion } from '../region/installation.js';
import { counties, koladaCountyId, municipalitiesOf } from '../region/referenceGeo.js';
import type { ParseArgsConfig } from 'node:util';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { context, systemActor, type Ctx } from '../domain/context.js';
import { importCsvObservations } from '../domain/imports/csv/importCsvObservations.js';
import { OBSERVATIONS_CSV_LIMITS } from '../domain/imports/csv/parseObservationsCsv.js';
import type { ImportOutcome } from '../domain/imports/importObservations.js';
import { importKoladaValues } from '../domain/imports/importKoladaValues.js';
import { importScbTable } from '../domain/imports/importScbTable.js';
import { koladaClient, type KoladaBatchProgress } from '../domain/imports/kolada/koladaClient.js';
import { scbClient, type ScbSelection } from '../domain/imports/scb/scbClient.js';
import { parseYears, sourceFailureCodes } from '../domain/imports/sourceFailure.js';

/** The shape main.ts keeps in its commands map. */
export interface ImportCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
const help = { type: 'boolean', short: 'h' } as const;
const MAX_ISSUES_SHOWN = 50;

class InvalidArguments extends Error {}
type Sources = ReturnType<typeof loadConfig>['sources'];

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v.trim() === '') throw new InvalidArguments(`Ange --${name}.`);
  return v.trim();
}

/** What Kolada is asked for by default: riket, every län and the own county's municipalities. */
export function comparisonAreas(): string[] {
  return [
    '0000',
    ...counties().map((c) => koladaCountyId(c.code)),
    ...municipalitiesOf(regionIdentity().lanCode).map((m) => m.code),
  ];
}

function placesOf(text: string): string[] {
  const places = text.split(',').map((p) => p.trim());
  if (places.some((p) => !/^\d{4}$/.test(p))) {
    throw new InvalidArguments(
      '--places ska vara områdeskoder med fyra siffror, till exempel 0008,0880.',
    );
  }
  return places;
}

function yearsOf(text: string): number[] {
  const years = parseYears(text);
  if (!years)
    throw new InvalidArguments(
      '--years ska vara ett spann (2015-2025) eller en lista (2019,2021).',
    );
  return years;
}

function selectionOf(value: unknown): ScbSelection {
  const items = Array.isArray(value)
    ? (value as string[])
    : typeof value === 'string'
      ? [value]
      : [];
  const selection: ScbSelection = {};
  for (const item of items) {
    const m = /^([^=]+)=(.+)$/.exec(item);
    if (!m) throw new InvalidArguments(`--select ska skrivas Dimension=kod,kod, inte "${item}".`);
    selection[m[1]!.trim()] = m[2]!.split(',').map((c) => c.trim());
  }
  return selection;
}

/**
 * Checks the arguments first (exit 2 without touching the database), then opens the database,
 * runs the import as the system actor "import" and reports the outcome.
 */
async function runImport<I>(
  usage: string,
  prepare: () => I | Promise<I>,
  fn: (ctx: Ctx, sources: Sources, input: I) => Promise<ImportOutcome>,
): Promise<number> {
  let input: I;
  try {
    input = await prepare();
  } catch (err) {
    if (!(err instanceof InvalidArguments)) throw err;
    console.error(`${err.message}\n\n${usage}`);
    return EXIT.usage;
  }
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    await assertDatabaseRegion(database);
    const ctx = context(database.db, systemActor('import'));
    return report(await fn(ctx, config.sources, input));
  } finally {
    await database.close();
  }
}

function report(outcome: ImportOutcome): number {
  if (outcome.ok) {
    const c = outcome.counts;
    console.log(
      `Klart: ${c.rowsNew} nya, ${c.rowsChanged} ändrade, ${c.rowsUnchanged} oförändrade, ${c.rowsMissing} saknade värden av ${c.rowsRead} lästa (körning ${outcome.runId}, ${outcome.durationMs} ms).`,
    );
    return EXIT.ok;
  }
  console.error(`Importen misslyckades och inget sparades (körning ${outcome.runId}):`);
  for (const i of outcome.issues.slice(0, MAX_ISSUES_SHOWN)) {
    console.error(i.row > 0 ? `  rad ${i.row}, ${i.field}: ${i.message}` : `  ${i.message}`);
  }
  if (outcome.issues.length > MAX_ISSUES_SHOWN) {
    console.error(`  … och ${outcome.issues.length - MAX_ISSUES_SHOWN} fel till.`);
  }
  return outcome.issues.some((i) => sourceFailureCodes.has(i.code)) ? EXIT.failure : EXIT.usage;
}

/** A text progress bar: [#######-----------------] 7/24 (29 %). */
export function progressBar(done: number, total: number, width = 24): string {
  const share = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
  const filled = Math.round(share * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} (${Math.round(share * 100)} %)`;
}

/**
 * Reports each Kolada batch: on a terminal one progress bar redrawn in place (on stderr, so the
 * output stays clean), otherwise one line per batch for logs.
 */
function koladaProgress(p: KoladaBatchProgress): void {
  if (process.stderr.isTTY) {
    process.stderr.write(`\r${progressBar(p.batch, p.batches)} omgångar hämtade`);
    if (p.batch === p.batches) process.stderr.write('\n');
    return;
  }
  console.log(
    `Omgång ${p.batch}/${p.batches} (${p.places.join(',')}): ${p.rows} värden på ${p.pages} ${p.pages === 1 ? 'sida' : 'sidor'}.`,
  );
}

const koladaUsage = `riktning import kolada --kpi <id> --indicator <kortnamn> [--places <koder>] --years <år>

Hämtar ett nyckeltal från Kolada (API v3) och sparar värdena på en indikator. Alla värden
hämtas först; blir något fel sparas ingenting, bara en misslyckad körning. Körs om utan att
något ändras om Kolada inte har ändrat sina värden; ändrade värden sparas med sin historik.

  --kpi        Koladas id för nyckeltalet, till exempel N01951
  --indicator  Indikatorns kortnamn i Riktning
  --places     Områdeskoder, till exempel 0008,0880 (högst 20 per anrop; fler delas upp).
               Utan --places: jämförelseområdena, dvs. riket, alla 21 län och länets kommuner
  --years      År som spann eller lista, till exempel 2015-2025 eller 2019,2021

Exempel: riktning import kolada --kpi N01951 --indicator invanare --places 0008,0880 --years 2015-2025
Källa: Kolada. Adressen styrs av KOLADA_BASE_URL.`;

const scbUsage = `riktning import scb --table <tabell> --indicator <kortnamn> --places <koder> --years <år> [--api v1|v2] [--select Dim=kod,kod] [--contents <kod>]

Hämtar en tabell från SCB (PxWebApi 2.0, eller API v1 med --api v1) i formatet JSON-stat 2.0
och sparar värdena på en indikator. Kön (Kon) 1 blir män, 2 kvinnor och 1+2 totalt; region 08
blir 0008 och 00 blir 0000. Högst 10 anrop per 10 sekunder.

  --table      v2: tabellens id (TAB638); v1: tabellens sökväg (BE/BE0101/BE0101A/BefolkningNy)
  --indicator  Indikatorns kortnamn i Riktning
  --places     Områdeskoder, till exempel 0008,0880
  --years      År som spann eller lista, till exempel 2015-2025
  --api        v2 (standard) eller v1
  --select     Ytterligare urval, kan upprepas: --select Kon=1,2,1+2 --select ContentsCode=BE0101N1
  --contents   Vilket tabellinnehåll (ContentsCode) som ska sparas när tabellen har flera`;

const csvUsage = `riktning import csv <fil>   (eller --file <fil>)

Läser in utfall från en CSV-fil i UTF-8 med rubrikraden
indicator,place,period,gender,value,status (se docs/import-format.md). Alla rader kontrolleras
först; finns ett enda fel sparas ingenting och varje fel visas med rad och kolumn.`;

export const importCommands = {
  kolada: {
    summary: 'Hämta värden från Kolada till en indikator',
    usage: koladaUsage,
    options: {
      help,
      kpi: { type: 'string' },
      indicator: { type: 'string' },
      places: { type: 'string' },
      years: { type: 'string' },
    },
    run: (values) =>
      runImport(
        koladaUsage,
        () => ({
          kpi: required(values, 'kpi'),
          indicator: required(values, 'indicator'),
          places: typeof values.places === 'string' ? placesOf(values.places) : comparisonAreas(),
          years: yearsOf(required(values, 'years')),
        }),
        (ctx, sources, input) =>
          importKoladaValues(ctx, input, {
            client: koladaClient(sources.koladaBaseUrl),
            onBatch: koladaProgress,
          }),
      ),
  },
  scb: {
    summary: 'Hämta en tabell från SCB till en indikator',
    usage: scbUsage,
    options: {
      help,
      table: { type: 'string' },
      indicator: { type: 'string' },
      places: { type: 'string' },
      years: { type: 'string' },
      api: { type: 'string' },
      select: { type: 'string', multiple: true },
      contents: { type: 'string' },
    },
    run: (values) =>
      runImport(
        scbUsage,
        () => {
          const api = values.api ?? 'v2';
          if (api !== 'v1' && api !== 'v2') {
            throw new InvalidArguments('--api ska vara v1 eller v2.');
          }
          return {
            api: api as 'v1' | 'v2',
            table: required(values, 'table'),
            indicator: required(values, 'indicator'),
            places: placesOf(required(values, 'places')),
            years: yearsOf(required(values, 'years')),
            selection: selectionOf(values.select),
            mapping: typeof values.contents === 'string' ? { contentsCode: values.contents } : {},
          };
        },
        async (ctx, sources, input) => {
          const outcome = await importScbTable(ctx, input, {
            client: scbClient({ v1: sources.scbV1BaseUrl, v2: sources.scbV2BaseUrl }),
          });
          if (outcome.ok)
            console.log(`Tabell ${input.table}: ${outcome.counts.rowsRead} värden hämtade.`);
          return outcome;
        },
      ),
  },
  csv: {
    summary: 'Läs in utfall från en CSV-fil',
    usage: csvUsage,
    options: { help, file: { type: 'string' } },
    positionals: true,
    run: (values, positionals) =>
      runImport(
        csvUsage,
        async () => {
          if (positionals.length > 1) throw new InvalidArguments('Ange en fil.');
          const file = positionals[0] ?? required(values, 'file');
          const max = OBSERVATIONS_CSV_LIMITS.maxBytes!;
          const size = (await stat(file).catch(() => null))?.size ?? 0;
          if (size > max) {
            throw new InvalidArguments(`Filen ${file} är större än ${max} byte; dela upp den.`);
          }
          const text = await readFile(file, 'utf8').catch(() => {
            throw new InvalidArguments(`Filen ${file} gick inte att läsa.`);
          });
          return { file, text };
        },
        async (ctx, _sources, { file, text }) => {
          const outcome = await importCsvObservations(ctx, { text, fileName: file });
          if (outcome.ok) console.log(`Fil ${file}: ${outcome.counts.rowsRead} rader lästa.`);
          return outcome;
        },
      ),
  },
} satisfies Record<string, ImportCommand>;
