import type { ImportCommand } from './importCommand.js';
import { formatPackIssue, loadRegionPack } from '../region/loadPack.js';
import { NewPackError, writeNewPack } from '../region/newPack.js';
import { packJsonSchema } from '../region/packSchema.js';

type RegionCommand = ImportCommand;

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
const help = { type: 'boolean', short: 'h' } as const;

const check: RegionCommand = {
  summary: 'Kontrollera ett regionpaket (fil, rad och nyckel för varje fel)',
  usage: `riktning region check <katalog>

Läser regionpaketet i katalogen (region.json, strategy.json, indicators.json, pages.json) och
kontrollerar det mot formatet i docs/region-pack.md. Varje fel skrivs som fil:rad: nyckel.
Ingenting skrivs. Slutstatus 0 när paketet är giltigt, 1 annars.`,
  options: { help },
  positionals: true,
  run: (_values, positionals) => {
    if (positionals.length !== 1) {
      console.error('Ange paketets katalog: riktning region check <katalog>');
      return Promise.resolve(EXIT.usage);
    }
    const result = loadRegionPack(positionals[0]!);
    if (!result.ok) {
      console.error(`Regionpaketet ${positionals[0]} har ${result.issues.length} fel:`);
      for (const i of result.issues) console.error(formatPackIssue(i));
      return Promise.resolve(EXIT.failure);
    }
    const { identity, strategy, indicators } = result.pack;
    console.log(
      `Regionpaketet är giltigt: ${identity.nameSv} (län ${identity.lanCode}), ${strategy.goalAreas.length} målområden, ${strategy.goals.length} mål, ${indicators.length} indikatorer${identity.placeholders ? '; delar är ännu inte ifyllda' : ''}.`,
    );
    return Promise.resolve(EXIT.ok);
  },
};

const create: RegionCommand = {
  summary: 'Skriv ett nytt regionpaket för ett län (strategin att fylla i)',
  usage: `riktning region new --lan <kod> --out <katalog>

Skriver ett regionpaket för länet med koden (01–25) i katalogen: länets namn och koder ur
referensdata, och en strategi vars texter är märkta "[Att fylla i]". Paketet kan startas som
det är: RIKTNING_REGION=<katalog> npm start.`,
  options: { help, lan: { type: 'string' }, out: { type: 'string' } },
  run: (values) => {
    if (typeof values.lan !== 'string' || typeof values.out !== 'string') {
      console.error('Ange --lan <kod> och --out <katalog>.');
      return Promise.resolve(EXIT.usage);
    }
    try {
      const { dir, files } = writeNewPack(values.lan.trim(), values.out);
      console.log(`Regionpaketet är skrivet i ${dir}: ${files.join(', ')}.`);
      console.log(`Starta: RIKTNING_REGION=${dir} npm start`);
      return Promise.resolve(EXIT.ok);
    } catch (err) {
      if (err instanceof NewPackError) {
        console.error(err.message);
        return Promise.resolve(EXIT.usage);
      }
      throw err;
    }
  },
};

const schema: RegionCommand = {
  summary: 'Skriv regionpaketets JSON Schema',
  usage: `riktning region schema

Skriver JSON Schema för regionpaketet (det som publiceras i docs/region-pack.schema.json).`,
  options: { help },
  run: () => {
    console.log(JSON.stringify(packJsonSchema(), null, 2));
    return Promise.resolve(EXIT.ok);
  },
};

export const regionCommands: Record<string, RegionCommand> = {
  'region check': check,
  'region new': create,
  'region schema': schema,
};
