import type { ParseArgsConfig } from 'node:util';
import { and, eq, isNull } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { organisations, users } from '../db/schema/index.js';
import { listOrganisations, listUsers } from '../domain/actors/adminQueries.js';
import { membershipRoles, setMemberRole } from '../domain/actors/memberships.js';
import { setUserDisabled } from '../domain/actors/setUserDisabled.js';
import { context, systemActor } from '../domain/context.js';
import type { Issue } from '../domain/result.js';

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
const help = { type: 'boolean', short: 'h' } as const;
const json = { type: 'boolean' } as const;

interface AccountCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

function usage(message: string, command: AccountCommand): number {
  console.error(`${message}\n\n${command.usage}`);
  return EXIT.usage;
}

function report(issues: Issue[]): number {
  for (const i of issues) console.error(`${i.field}: ${i.message}`);
  return EXIT.usage;
}

async function withDatabase(fn: (database: Database) => Promise<number>): Promise<number> {
  const database = await openDatabase(loadConfig().database);
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

/** Rows as aligned columns under a header, for people; `--json` gives the rows for scripts. */
function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  console.log(line(header));
  for (const r of rows) console.log(line(r));
}

async function userIdOf(database: Database, email: string): Promise<number | null> {
  const [u] = await database.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.anonymisedAt)));
  return u?.id ?? null;
}

const orgList: AccountCommand = {
  summary: 'Lista organisationerna',
  usage: `riktning org list [--arkiverade] [--sok <text>] [--json]

Visar id, kortadress, namn, typ, organisationsnummer och antal medlemmar. --json skriver en
JSON-lista för skript.`,
  options: { help, json, arkiverade: { type: 'boolean' }, sok: { type: 'string' } },
  async run(values) {
    return withDatabase(async (database) => {
      const rows = await listOrganisations(database.db, {
        q: text(values.sok),
        archived: values.arkiverade === true,
      });
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return EXIT.ok;
      }
      printTable(
        ['id', 'kortadress', 'namn', 'typ', 'orgnr', 'medlemmar', 'arkiverad'],
        rows.map((o) => [
          String(o.id),
          o.slug,
          o.name,
          o.kind,
          o.orgNumber ?? '',
          String(o.members),
          o.archived ? 'ja' : '',
        ]),
      );
      return EXIT.ok;
    });
  },
};

const userList: AccountCommand = {
  summary: 'Lista användarna',
  usage: `riktning user list [--role <roll>] [--avstangda | --aktiva] [--sok <text>] [--json]

Visar id, e-post, namn, roll, om kontot är avstängt och organisationerna. --json skriver en
JSON-lista för skript.`,
  options: {
    help,
    json,
    role: { type: 'string' },
    sok: { type: 'string' },
    avstangda: { type: 'boolean' },
    aktiva: { type: 'boolean' },
  },
  async run(values) {
    if (values.avstangda && values.aktiva)
      return usage('Ange antingen --avstangda eller --aktiva.', userList);
    return withDatabase(async (database) => {
      const rows = await listUsers(database.db, {
        q: text(values.sok),
        role: text(values.role) as never,
        status: values.avstangda ? 'avstangd' : values.aktiva ? 'aktiv' : undefined,
      });
      if (values.json) {
        console.log(JSON.stringify(rows, null, 2));
        return EXIT.ok;
      }
      printTable(
        ['id', 'e-post', 'namn', 'roll', 'avstängd', 'organisationer'],
        rows.map((u) => [
          String(u.id),
          u.email,
          u.name,
          u.role,
          u.disabled ? 'ja' : '',
          u.organisations.join(', '),
        ]),
      );
      return EXIT.ok;
    });
  },
};

const disabling = (disabled: boolean): AccountCommand => {
  const command: AccountCommand = {
    summary: disabled
      ? 'Stäng av ett konto (inloggningarna avslutas)'
      : 'Öppna ett avstängt konto igen',
    usage: `riktning user ${disabled ? 'disable' : 'enable'} --email <e-post>

${disabled ? 'Kontot kan inte logga in och dess inloggningar avslutas; inget raderas.' : 'Kontot kan logga in igen.'}`,
    options: { help, email: { type: 'string' } },
    async run(values) {
      const email = text(values.email);
      if (!email) return usage('Ange --email.', command);
      return withDatabase(async (database) => {
        const userId = await userIdOf(database, email);
        if (!userId) {
          console.error(`Ingen användare har e-postadressen ${email}.`);
          return EXIT.failure;
        }
        const result = await setUserDisabled(context(database.db, systemActor('cli')), {
          userId,
          disabled,
        });
        if (!result.ok) return report(result.issues);
        console.log(`${email} är ${disabled ? 'avstängd' : 'öppnad igen'}.`);
        return EXIT.ok;
      });
    },
  };
  return command;
};

/** The organisation role of a member: `user role --email … --org … --org-role …`. */
export async function runMemberRole(
  values: Record<string, string | boolean | undefined>,
  command: { usage: string },
): Promise<number> {
  const email = text(values.email);
  const slug = text(values.org);
  const role = text(values['org-role']);
  if (!email || !slug || !role) {
    console.error(`Ange --email, --org och --org-role.\n\n${command.usage}`);
    return EXIT.usage;
  }
  return withDatabase(async (database) => {
    const userId = await userIdOf(database, email);
    const [org] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.slug, slug));
    if (!userId || !org) {
      console.error(
        !userId
          ? `Ingen användare har e-postadressen ${email}.`
          : `Organisationen ${slug} finns inte.`,
      );
      return EXIT.failure;
    }
    try {
      const result = await setMemberRole(context(database.db, systemActor('cli')), {
        organisationId: org.id,
        userId,
        role,
      });
      if (!result.ok) return report(result.issues);
    } catch (err) {
      if ((err as { status?: number }).status !== 404) throw err;
      console.error(`${email} är inte medlem i ${slug}.`);
      return EXIT.failure;
    }
    console.log(`${email} har nu rollen ${role} i ${slug}.`);
    return EXIT.ok;
  });
}

export const organisationRoles = membershipRoles.join(', ');

export const accountCommands = {
  'org list': orgList,
  'user list': userList,
  'user disable': disabling(true),
  'user enable': disabling(false),
};
