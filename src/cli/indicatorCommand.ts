import { loadConfig } from '../config.js';
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

async function withCtx(fn: (ctx: Ctx, kolada: string) => Promise<number>): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    await assertDatabaseRegion(database);
    return await fn(context(database.db, systemActor('cli')), config.sources.koladaBaseUrl);
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
  summary: 'Sök i Koladas nyckeltal med ord i titeln',
  usage: `riktning indicator search --kolada <ord>

Söker i Koladas nyckeltalskatalog (/v3/kpi?title=…) och visar id, titel, könsuppdelning,
verksamhetsområde och publiceringsdatum.`,
  options: { help, kolada: { type: 'string' } },
  run: async (values) => {
    if (typeof values.kolada !== 'string' || values.kolada.trim() === '') {
      console.error('Ange --kolada <ord>.');
      return EXIT.usage;
    }
    const client = koladaClient(loadConfig().sources.koladaBaseUrl);
    try {
      const found = await client.searchKpis(values.kolada);
      for (const k of found) {
        console.log(
          `${k.id}\t${k.title}\t${k.is_divided_by_gender ? 'kön' : '–'}\t${k.operating_area ?? ''}\t${k.publication_date ?? ''}`,
        );
      }
      if (found.length === 0) console.log(`Inga nyckeltal matchar "${values.kolada}".`);
      return EXIT.ok;
    } catch (err) {
      if (!(err instanceof SourceError)) throw err;
      console.error(`Sökningen i Kolada misslyckades: ${err.message}`);
      return EXIT.failure;
    }
  },
};

const add: ImportCommand = {
  summary: 'Lägg till ett nyckeltal från Kolada som indikator på ett mål',
  usage: `riktning indicator add --kolada <id> --goal <kod> [--slug <kortnamn>] [--direction higher|lower]

Hämtar nyckeltalets titel, beskrivning och könsuppdelning från Kolada och lägger till det som
indikator på målet; nattens import hämtar värdena för riket, alla län och länets kommuner.
Exempel: riktning indicator add --kolada N00914 --goal 4.2`,
  options: {
    help,
    kolada: { type: 'string' },
    goal: { type: 'string' },
    slug: { type: 'string' },
    direction: { type: 'string' },
  },
  run: (values) => {
    const { kolada, goal, slug, direction } = values;
    if (typeof kolada !== 'string' || typeof goal !== 'string') {
      console.error('Ange --kolada <id> och --goal <kod>.');
      return Promise.resolve(EXIT.usage);
    }
    if (direction !== undefined && direction !== 'higher' && direction !== 'lower') {
      console.error('--direction ska vara higher eller lower.');
      return Promise.resolve(EXIT.usage);
    }
    return withCtx(async (ctx, base) => {
      try {
        const r = await addKoladaIndicator(
          ctx,
          {
            kpi: kolada.trim(),
            goalCode: goal.trim(),
            ...(typeof slug === 'string' ? { slug } : {}),
            ...(direction ? { direction } : {}),
          },
          koladaClient(base),
        );
        if (!r.ok) {
          for (const i of r.issues) console.error(`${i.field}: ${i.message}`);
          return EXIT.usage;
        }
        console.log(`Indikatorn ${r.value.slug} är tillagd på mål ${goal}.`);
        return EXIT.ok;
      } catch (err) {
        if (!(err instanceof SourceError)) throw err;
        console.error(`Kolada: ${err.message}`);
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
