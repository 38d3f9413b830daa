import { loadConfig, type Config } from '../config.js';
import { addScbIndicator } from '../domain/followup/addScbIndicator.js';
import { scbClient } from '../domain/imports/scb/scbClient.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { context, systemActor, type Ctx } from '../domain/context.js';
import { NotFoundError } from '../domain/errors.js';
import { addKoladaIndicator } from '../domain/followup/addKoladaIndicator.js';
import { indicatorBySlug, indicatorCatalogue } from '../domain/followup/indicatorQueries.js';
import { koladaClient } from '../domain/imports/kolada/koladaClient.js';
import { SourceError } from '../domain/imports/sourceHttp.js';
import { assertDatabaseRegion } from '../region/installation.js';
import type { ImportCommand } from './importCommand.js';

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
const help = { type: 'boolean', short: 'h' } as const;

async function withCtx(
  fn: (ctx: Ctx, sources: Config['sources']) => Promise<number>,
): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    await assertDatabaseRegion(database);
    return await fn(context(database.db, systemActor('cli')), config.sources);
  } finally {
    await database.close();
  }
}

const list: ImportCommand = {
  summary: 'Lista indikatorerna per mål',
  usage: `riktning indicator list

Listar strategins indikatorer: mål, kortnamn, källa och namn.`,
  options: { help },
  run: () =>
    withCtx(async (ctx) => {
      for (const i of await indicatorCatalogue(ctx.db)) {
        const source = i.sourceRef ? `${i.source} ${i.sourceRef}` : i.source;
        console.log(`${i.goalCode}\t${i.slug}\t${source}\t${i.nameSv}`);
      }
      return EXIT.ok;
    }),
};

const show: ImportCommand = {
  summary: 'Visa en indikator',
  usage: `riktning indicator show <kortnamn>`,
  options: { help },
  positionals: true,
  run: (_values, positionals) => {
    if (positionals.length !== 1) {
      console.error('Ange indikatorns kortnamn: riktning indicator show <kortnamn>');
      return Promise.resolve(EXIT.usage);
    }
    return withCtx(async (ctx) => {
      try {
        const i = await indicatorBySlug(ctx.db, positionals[0]!);
        const pair = (y: number | null, v: number | null) =>
          y === null || v === null ? '–' : `${v} (${y})`;
        console.log(
          [
            `${i.nameSv}`,
            `  kortnamn: ${i.slug}`,
            `  mål: ${i.goal.code} ${i.goal.nameSv}`,
            `  källa: ${i.source}${i.sourceRef ? ` ${i.sourceRef}` : ''}`,
            `  enhet: ${i.unit}; ${i.direction === 'higher' ? 'högre är bättre' : 'lägre är bättre'}`,
            `  uppdelat på kön: ${i.genderSplit ? 'ja' : 'nej'}`,
            `  utgångsläge: ${pair(i.baselineYear, i.baselineValue)}`,
            `  målvärde: ${pair(i.targetYear, i.targetValue)}${i.targetIsExample ? ' (exempel)' : ''}`,
          ].join('\n'),
        );
        return EXIT.ok;
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        console.error(`Indikatorn ${positionals[0]} finns inte.`);
        return EXIT.failure;
      }
    });
  },
};

const search: ImportCommand = {
  summary: 'Sök i Koladas nyckeltal eller SCB:s tabeller med ord',
  usage: `riktning indicator search --kolada <ord>
riktning indicator search --scb <ord>

--kolada söker i Koladas nyckeltalskatalog (/v3/kpi?title=…) och visar id, titel, könsuppdelning,
verksamhetsområde och publiceringsdatum. --scb söker i SCB:s tabeller (PxWebApi 2.0,
/tables?query=…) och visar id, titel, perioder och variabler; --scb <tabell-id> --variabler visar
tabellens variabler och värden att välja med indicator add.`,
  options: {
    help,
    kolada: { type: 'string' },
    scb: { type: 'string' },
    variabler: { type: 'boolean' },
  },
  run: async (values) => {
    const words = (values.kolada ?? values.scb) as string | undefined;
    if (typeof words !== 'string' || words.trim() === '') {
      console.error('Ange --kolada <ord> eller --scb <ord>.');
      return EXIT.usage;
    }
    const sources = loadConfig().sources;
    try {
      if (typeof values.scb === 'string') {
        const scb = scbClient({ v1: sources.scbV1BaseUrl, v2: sources.scbV2BaseUrl });
        if (values.variabler) {
          const meta = await scb.metadata(words.trim());
          console.log(`${meta.id}\t${meta.label}`);
          for (const v of meta.variables) {
            const shown = v.values.slice(0, 30).map((x) => `${x.code}=${x.label}`);
            const more = v.values.length > 30 ? ` … (${v.values.length} värden)` : '';
            const notes = [v.role, v.eliminable ? 'kan utelämnas' : null]
              .filter(Boolean)
              .join(', ');
            console.log(
              `  ${v.code} (${v.label}${notes ? `; ${notes}` : ''}): ${shown.join(', ')}${more}`,
            );
          }
          return EXIT.ok;
        }
        const found = await scb.searchTables(words);
        for (const t of found.tables) {
          console.log(
            `${t.id}\t${t.label}\t${t.firstPeriod ?? ''}–${t.lastPeriod ?? ''}\t${(t.variableNames ?? []).join(', ')}`,
          );
        }
        if (found.tables.length === 0) console.log(`Inga tabeller matchar "${words}".`);
        else if (found.total > found.tables.length)
          console.log(`Visar ${found.tables.length} av ${found.total} tabeller.`);
        return EXIT.ok;
      }
      const found = await koladaClient(sources.koladaBaseUrl).searchKpis(words);
      for (const k of found) {
        console.log(
          `${k.id}\t${k.title}\t${k.is_divided_by_gender ? 'kön' : '–'}\t${k.operating_area ?? ''}\t${k.publication_date ?? ''}`,
        );
      }
      if (found.length === 0) console.log(`Inga nyckeltal matchar "${words}".`);
      return EXIT.ok;
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      console.error(`Sökningen i ${values.scb ? 'SCB' : 'Kolada'} misslyckades: ${err.message}`);
      return EXIT.failure;
    }
  },
};

/** `--value Kod=Värde`, repeated: one chosen value per SCB variable. */
function chosenValues(raw: unknown): Record<string, string> | string {
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: Record<string, string> = {};
  for (const item of list) {
    const m = /^([^=\s]+)=(.+)$/.exec(String(item).trim());
    if (!m)
      return `--value ska vara Kod=Värde, t.ex. ContentsCode=BE0101N1 (fick "${String(item)}").`;
    out[m[1]!] = m[2]!.trim();
  }
  return out;
}

const add: ImportCommand = {
  summary: 'Lägg till ett nyckeltal från Kolada eller en SCB-tabell som indikator på ett mål',
  usage: `riktning indicator add --kolada <id> --goal <kod> [--slug <kortnamn>] [--direction higher|lower]
riktning indicator add --scb <tabell-id> --goal <kod> --value <Kod=Värde> … [--slug …] [--direction …]

Kolada: hämtar nyckeltalets titel, beskrivning och könsuppdelning och lägger till det som indikator
på målet. SCB: läser tabellens metadata; välj ett värde med --value för varje variabel utom region,
tid och kön (en variabel som kan utelämnas får stå ovald). Nattens import hämtar värdena för riket,
alla län och länets kommuner.
Exempel: riktning indicator add --kolada N00914 --goal 4.2
         riktning indicator add --scb TAB638 --goal 3.1 --value ContentsCode=BE0101N1`,
  options: {
    help,
    kolada: { type: 'string' },
    scb: { type: 'string' },
    goal: { type: 'string' },
    value: { type: 'string', multiple: true },
    slug: { type: 'string' },
    direction: { type: 'string' },
  },
  run: (values) => {
    const { kolada, scb, goal, slug, direction } = values;
    if ((typeof kolada !== 'string' && typeof scb !== 'string') || typeof goal !== 'string') {
      console.error('Ange --kolada <id> eller --scb <tabell-id>, och --goal <kod>.');
      return Promise.resolve(EXIT.usage);
    }
    if (direction !== undefined && direction !== 'higher' && direction !== 'lower') {
      console.error('--direction ska vara higher eller lower.');
      return Promise.resolve(EXIT.usage);
    }
    const chosen = chosenValues(values.value);
    if (typeof chosen === 'string') {
      console.error(chosen);
      return Promise.resolve(EXIT.usage);
    }
    const common = {
      goalCode: goal.trim(),
      ...(typeof slug === 'string' ? { slug } : {}),
      ...(direction ? { direction: direction as 'higher' | 'lower' } : {}),
    };
    return withCtx(async (ctx, sources) => {
      try {
        const r =
          typeof scb === 'string'
            ? await addScbIndicator(
                ctx,
                { ...common, table: scb.trim(), values: chosen },
                scbClient({ v1: sources.scbV1BaseUrl, v2: sources.scbV2BaseUrl }),
              )
            : await addKoladaIndicator(
                ctx,
                { ...common, kpi: String(kolada).trim() },
                koladaClient(sources.koladaBaseUrl),
              );
        if (!r.ok) {
          for (const i of r.issues) console.error(`${i.field}: ${i.message}`);
          return EXIT.usage;
        }
        console.log(`Indikatorn ${r.value.slug} är tillagd på mål ${goal}.`);
        return EXIT.ok;
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        console.error(`${typeof scb === 'string' ? 'SCB' : 'Kolada'}: ${err.message}`);
        return EXIT.failure;
      }
    });
  },
};

export const indicatorCommands: Record<string, ImportCommand> = {
  'indicator list': list,
  'indicator show': show,
  'indicator search': search,
  'indicator add': add,
};
