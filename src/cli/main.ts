import { parseArgs, type ParseArgsConfig } from 'node:util';
import { assertDatabaseRegion } from '../region/installation.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DatabaseOpenError, migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { context, systemActor } from '../domain/context.js';
import { gdprCommands } from './gdprCommand.js';
import { importCommands } from './importCommand.js';
import { reportOptions, reportUsage, ReportUsageError, runReport } from './reportCommand.js';
import {
  backupUsage,
  FileArgumentError,
  fileOptions,
  restoreUsage,
  runBackup,
  runRestore,
} from './backupCommands.js';
import { startServer } from './serve.js';
import { resetSecondFactorCommand } from './secondFactorCommand.js';
import { accountCommands } from './accountCommands.js';
import { orgCommands, userCommands } from './userCommands.js';
import { workerCommand } from './workerCommand.js';
import { seedReference } from '../seed/seedReference.js';
import { activeRegion, useRegionPack } from '../region/activeRegion.js';
import { RegionPackError, requireRegionPack } from '../region/loadPack.js';
import { RegionMismatchError } from '../region/installation.js';
import { indicatorCommands } from './indicatorCommand.js';
import { regionCommands } from './regionCommand.js';
import { seedPackIndicators } from '../region/seedPackIndicators.js';

export const EXIT = { ok: 0, failure: 1, usage: 2, config: 78 } as const;

class UsageError extends Error {}

interface Command {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes plain arguments, such as a file name. */
  positionals?: boolean;
  run(values: Record<string, string | boolean | undefined>, positionals: string[]): Promise<number>;
}

const help = { type: 'boolean', short: 'h' } as const;

const commands: Record<string, Command> = {
  serve: {
    summary: 'Migrera, läs in grunddata och starta webbplatsen',
    usage: `riktning serve

Migrerar databasen, läser in strategin och referensdata om de saknas (och demodata i en tom
databas om RIKTNING_DEMO_DATA inte är false) och startar webbplatsen på HOST:PORT.`,
    options: { help },
    run: async () => {
      await startServer(config());
      return EXIT.ok;
    },
  },
  migrate: {
    summary: 'Kör databasmigreringar',
    usage: `riktning migrate

Kör de migreringar som saknas, i en transaktion. Misslyckas en migrering lämnas databasen orörd.`,
    options: { help },
    run: () =>
      withDatabase(async () => {
        console.log('Databasen är migrerad.');
        return EXIT.ok;
      }),
  },
  seed: {
    summary: 'Läs in strategin och referensdata, med --demo även demodata',
    usage: `riktning seed [--demo] [--synthetic N [--synthetic-observations M] [--seed S]]

Läser in strategin, Agenda 2030 och länets platser om de saknas. Med --demo läses också
demodata in (organisationer, insatser, indikatorer) om den inte redan finns. Körs om utan
att något dubbleras.

Med --synthetic N läggs N syntetiska, publicerade demoinsatser till (för prestandamätning),
i satser om flera tusen rader; --synthetic-observations M lägger till M syntetiska utfall.
Samma --seed ger samma data.`,
    options: {
      help,
      demo: { type: 'boolean' },
      synthetic: { type: 'string' },
      'synthetic-observations': { type: 'string' },
      seed: { type: 'string' },
    },
    run: (values) =>
      withDatabase(async (database) => {
        const ctx = context(database.db, systemActor('seed'));
        const ref = await seedReference(ctx);
        console.log(
          `Referensdata: strategi ${ref.strategy ? 'inläst' : 'fanns redan'}, Agenda 2030 ${ref.sdg ? 'inläst' : 'fanns redan'}, platser ${ref.places ? 'inlästa' : 'fanns redan'}.`,
        );
        if (!values.demo) {
          const added = await seedPackIndicators(ctx);
          if (added > 0) console.log(`Indikatorer ur regionpaketet: ${added} inlästa.`);
        } else if (!activeRegion().identity.demoData) {
          console.log(
            'Regionpaketet har ingen demodata (demoData i region.json); ingen demodata lästes in.',
          );
        } else if (values.demo) {
          const { seedDemo } = await import('../seed/seedDemo.js');
          const demo = await seedDemo(ctx);
          console.log(
            demo.loaded
              ? `Demodata inläst: ${demo.organisations} organisationer, ${demo.initiatives} insatser, ${demo.indicators} indikatorer, ${demo.observations} utfall, ${demo.progressReports} lägesrapporter.` +
                  (demo.indicatorsKept > 0
                    ? ` ${demo.indicatorsKept} indikatorer fanns redan och behåller sina egna värden.`
                    : '')
              : 'Demodata fanns redan; inget lades till.',
          );
        }
        if (values.synthetic !== undefined || values['synthetic-observations'] !== undefined) {
          const { seedSyntheticCommand } = await import(
            '../seed/synthetic/seedSyntheticCommand.js'
          );
          const problem = await seedSyntheticCommand(ctx, values);
          if (problem) throw new UsageError(problem);
        }
        return EXIT.ok;
      }),
  },
  backup: {
    summary: 'Skriv en säkerhetskopia av alla data till en fil',
    usage: backupUsage,
    options: fileOptions,
    positionals: true,
    run: (_values, positionals) =>
      withFileArgument(positionals, (database) => runBackup(database, positionals)),
  },
  restore: {
    summary: 'Ersätt alla data med en säkerhetskopias',
    usage: restoreUsage,
    options: fileOptions,
    positionals: true,
    run: (_values, positionals) =>
      withFileArgument(positionals, (database) => runRestore(database, positionals)),
  },
  report: {
    summary: 'Sammanställ, publicera och skriv ut årsrapporten (HTML, PDF)',
    usage: reportUsage,
    options: reportOptions,
    positionals: true,
    run: (values, positionals) =>
      withDatabase(async (database) => {
        try {
          await runReport(database, values, positionals);
          return EXIT.ok;
        } catch (err) {
          if (err instanceof ReportUsageError) throw new UsageError(err.message);
          throw err;
        }
      }),
  },
  'user add': userCommands.add,
  'user invite': userCommands.invite,
  'user role': userCommands.role,
  'user reset-second-factor': resetSecondFactorCommand,
  'org add': orgCommands.add,
  ...accountCommands,
  'import kolada': importCommands.kolada,
  'import scb': importCommands.scb,
  'import csv': importCommands.csv,
  ...gdprCommands,
  worker: workerCommand,
  ...regionCommands,
  ...indicatorCommands,
};

function mainHelp(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  return `riktning – öppen plattform för regional utvecklingsstrategi

Användning: riktning <kommando> [flaggor]

Kommandon:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
  .join('\n')}

Flaggor:
  -h, --help     Visa hjälp (även för ett kommando: riktning seed --help)
  -v, --version  Visa versionen

Konfiguration läses från miljövariabler; se README.`;
}

/** The commands of a group such as `user`, or none when the word names no group. */
function groupOf(word: string): [string, Command][] | null {
  const found = Object.entries(commands).filter(([name]) => name.startsWith(`${word} `));
  return found.length > 0 ? found : null;
}

function groupHelp(word: string): string {
  const found = groupOf(word)!;
  const width = Math.max(...found.map(([n]) => n.length));
  return `Användning: riktning ${word} <kommando> [flaggor]

Kommandon:
${found.map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`).join('\n')}

Hjälp om ett kommando: riktning ${found[0]![0]} --help`;
}

function config(): Config {
  return loadConfig();
}

function withFileArgument(
  positionals: string[],
  fn: (database: Database) => Promise<void>,
): Promise<number> {
  if (positionals.length !== 1) throw new UsageError('Ange en fil.');
  return withDatabase(async (database) => {
    try {
      await fn(database);
      return EXIT.ok;
    } catch (err) {
      if (err instanceof FileArgumentError) throw new UsageError(err.message);
      throw err;
    }
  });
}

async function withDatabase(fn: (database: Database) => Promise<number>): Promise<number> {
  const database = await openDatabase(config().database);
  try {
    await migrateDatabase(database);
    await assertDatabaseRegion(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [first, second] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    console.log(mainHelp());
    return first ? EXIT.ok : EXIT.usage;
  }
  if (first === '--version' || first === '-v') {
    const { readFile } = await import('node:fs/promises');
    const pkg = JSON.parse(
      await readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    console.log(pkg.version);
    return EXIT.ok;
  }
  const name = commands[`${first} ${second}`] ? `${first} ${second}` : first;
  const command = commands[name];
  if (!command && groupOf(first)) {
    // A command group (`riktning user`): its commands, as help or as the answer to a bad one.
    const asked = second === undefined || second === '--help' || second === '-h';
    (asked ? console.log : console.error)(
      `${asked ? '' : `Okänt kommando: ${argv.slice(0, 2).join(' ')}\n\n`}${groupHelp(first)}`,
    );
    return second === '--help' || second === '-h' ? EXIT.ok : EXIT.usage;
  }
  if (!command) {
    console.error(`Okänt kommando: ${argv.slice(0, 2).join(' ')}\n\n${mainHelp()}`);
    return EXIT.usage;
  }
  const rest = argv.slice(name.split(' ').length);
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options,
      allowPositionals: command.positionals ?? false,
      strict: true,
    });
    if (values.help) {
      console.log(command.usage);
      return EXIT.ok;
    }
    // Every command but `region …` (which names its pack directory) serves the configured pack.
    if (!name.startsWith('region ')) useRegionPack(requireRegionPack(config().regionDir));
    return await command.run(values as Record<string, string | boolean | undefined>, positionals);
  } catch (err) {
    if (
      err instanceof ConfigError ||
      err instanceof RegionPackError ||
      err instanceof RegionMismatchError
    ) {
      console.error(err.message);
      return EXIT.config;
    }
    if (
      err instanceof UsageError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      console.error(`${(err as Error).message}\n\n${command.usage}`);
      return EXIT.usage;
    }
    if (err instanceof DatabaseOpenError) {
      console.error(err.message);
      return EXIT.failure;
    }
    console.error(`Fel: ${(err as Error).message}`);
    return EXIT.failure;
  }
}
