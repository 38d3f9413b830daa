import type { ParseArgsConfig } from 'node:util';
import { assertDatabaseRegion } from '../region/installation.js';
import { eq } from 'drizzle-orm';
import { loadConfig, type Config } from '../config.js';
import { migrateDatabase, openDatabase, type Database } from '../db/client.js';
import { organisations } from '../db/schema/index.js';
import { addMembership } from '../domain/actors/addMembership.js';
import { addUser, userRoles } from '../domain/actors/addUser.js';
import { createOrganisation, organisationKinds } from '../domain/actors/createOrganisation.js';
import {
  formatOrganisationNumber,
  normaliseOrganisationNumber,
} from '../domain/actors/organisationNumber.js';
import { INVITATION_TTL_MS, inviteUser } from '../domain/actors/invitations.js';
import { setPassword } from '../domain/actors/setPassword.js';
import { setUserRole } from '../domain/actors/setUserRole.js';
import { context, systemActor, type UserRole } from '../domain/context.js';
import type { Issue } from '../domain/result.js';
import { createOutboxMailer } from '../mail/outbox.js';
import { organisationRoles, runMemberRole } from './accountCommands.js';
import { invitationMail } from '../mail/templates.js';

const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
const help = { type: 'boolean', short: 'h' } as const;

interface UserCommand {
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(values: Record<string, string | boolean | undefined>): Promise<number>;
}

const roles = userRoles.join(', ');
const text = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

function usage(message: string, command: UserCommand): number {
  console.error(`${message}\n\n${command.usage}`);
  return EXIT.usage;
}

function report(issues: Issue[]): number {
  for (const i of issues) console.error(`${i.field}: ${i.message}`);
  return EXIT.usage;
}

class IssuesError extends Error {
  constructor(readonly issues: Issue[]) {
    super('invalid input');
  }
}

async function withDatabase(
  fn: (database: Database, config: Config) => Promise<number>,
): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    await assertDatabaseRegion(database);
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

const add: UserCommand = {
  summary: 'Lägg till en användare',
  usage: `riktning user add --email <e-post> --role <roll> [--name <namn>] [--org <slug>]
                  [--password-stdin | --password <lösenord>]

Roller: ${roles}. Med --org blir användaren medlem i organisationen. Ett lösenord (minst 12
tecken) kan sättas för lokal uppsättning; --password-stdin läser det från standard in, så att
det inte hamnar i skalets historik. Utan lösenord: bjud in med "riktning user invite" i stället.`,
  options: {
    help,
    email: { type: 'string' },
    role: { type: 'string' },
    name: { type: 'string' },
    org: { type: 'string' },
    password: { type: 'string' },
    'password-stdin': { type: 'boolean' },
  },
  async run(values) {
    const email = text(values.email);
    const role = text(values.role);
    if (!email || !role) return usage('Ange både --email och --role.', add);
    if (values.password !== undefined && values['password-stdin']) {
      return usage('Ange antingen --password eller --password-stdin.', add);
    }
    const password = values['password-stdin'] ? await readStdin() : text(values.password);
    return withDatabase(async (database) => {
      const ctx = context(database.db, systemActor('cli'));
      const done = database.db.transaction(async (tx) => {
        const c = { ...ctx, db: tx as unknown as typeof ctx.db };
        const result = await addUser(c, {
          email,
          role: role as UserRole,
          name: text(values.name) ?? '',
        });
        if (!result.ok) return report(result.issues);
        const org = text(values.org);
        if (org) {
          const m = await addMembership(c, { userId: result.value.id, organisationSlug: org });
          if (!m.ok) throw new IssuesError(m.issues);
        }
        if (password !== undefined) {
          const p = await setPassword(c, { userId: result.value.id, password });
          if (!p.ok) throw new IssuesError(p.issues);
        }
        console.log(`Användaren ${email} har lagts till (id ${result.value.id}, roll ${role}).`);
        return EXIT.ok;
      });
      // A failed membership or password undoes the new user too.
      return done.catch((err: unknown) => {
        if (err instanceof IssuesError) return report(err.issues);
        throw err;
      });
    });
  },
};

const invite: UserCommand = {
  summary: 'Bjud in en användare och skriv ut inbjudningslänken',
  usage: `riktning user invite --email <e-post> --role <roll> [--org <slug>]

Skapar en inbjudan som gäller i sju dagar och skriver ut länken där personen väljer sitt
lösenord. Är SMTP_URL satt skickas länken också med e-post. Roller: ${roles}.`,
  options: { help, email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' } },
  async run(values) {
    const email = text(values.email);
    const role = text(values.role);
    if (!email || !role) return usage('Ange både --email och --role.', invite);
    return withDatabase(async (database, config) => {
      const ctx = context(database.db, systemActor('cli'));
      const org = text(values.org);
      const result = await inviteUser(ctx, {
        email,
        role: role as UserRole,
        organisationSlug: org ?? null,
      });
      if (!result.ok) return report(result.issues);
      const base = config.publicUrl;
      const link = `${base}/inbjudan/${result.value.token}`;
      if (config.mail.smtpUrl) {
        const [orgRow] = org
          ? await database.db
              .select({ name: organisations.name })
              .from(organisations)
              .where(eq(organisations.slug, org))
          : [];
        await createOutboxMailer(config.mail, database.db).send(
          result.value.email,
          invitationMail({
            link,
            role: role as UserRole,
            organisation: orgRow?.name ?? null,
            days: INVITATION_TTL_MS / 86_400_000,
          }),
        );
      }
      console.log(
        `Inbjudan till ${result.value.email} (gäller till ${result.value.expiresAt.toISOString()}):`,
      );
      console.log(link);
      return EXIT.ok;
    });
  },
};

const role: UserCommand = {
  summary: 'Ändra en användares roll, globalt eller i en organisation',
  usage: `riktning user role --email <e-post> --role <roll>
riktning user role --email <e-post> --org <kortadress> --org-role <organisationsroll>

Två lager av roller: den globala rollen (${roles}) säger vad kontot får göra i hela Riktning;
organisationsrollen (${organisationRoles}) säger vad en medlem gör i just den organisationen.
Vid byte av global roll avslutas användarens inloggningar så att den nya rollen gäller direkt.`,
  options: {
    help,
    email: { type: 'string' },
    role: { type: 'string' },
    org: { type: 'string' },
    'org-role': { type: 'string' },
  },
  async run(values) {
    if (values.org !== undefined || values['org-role'] !== undefined) {
      if (values.role !== undefined) return usage('Ange --role eller --org-role, inte båda.', role);
      return runMemberRole(values, role);
    }
    const email = text(values.email);
    const newRole = text(values.role);
    if (!email || !newRole) return usage('Ange både --email och --role.', role);
    return withDatabase(async (database) => {
      const result = await setUserRole(context(database.db, systemActor('cli')), {
        email,
        role: newRole,
      });
      if (!result.ok) return report(result.issues);
      console.log(`${email} har nu rollen ${result.value.role}.`);
      return EXIT.ok;
    });
  },
};

const orgAdd: UserCommand = {
  summary: 'Lägg till en organisation (organisationsnumret kontrolleras)',
  usage: `riktning org add --slug <kortadress> --name <namn> --kind <typ> [--orgnr <nummer>]
                 [--kommun <kommunkod>] [--webb <url>]

Typer: ${organisationKinds.join(', ')}. Organisationsnumret skrivs 556677-8899 eller
5566778899; kontrollsiffran (Luhn) kontrolleras. Kortadressen används i webbadresser och kan
inte ändras senare.`,
  options: {
    help,
    slug: { type: 'string' },
    name: { type: 'string' },
    kind: { type: 'string' },
    orgnr: { type: 'string' },
    kommun: { type: 'string' },
    webb: { type: 'string' },
  },
  async run(values) {
    const slug = text(values.slug);
    const name = text(values.name);
    const kind = text(values.kind);
    if (!slug || !name || !kind) return usage('Ange --slug, --name och --kind.', orgAdd);
    return withDatabase(async (database) => {
      const result = await createOrganisation(context(database.db, systemActor('cli')), {
        slug,
        name,
        kind: kind as (typeof organisationKinds)[number],
        orgNumber: text(values.orgnr) ?? null,
        municipalityCode: text(values.kommun) ?? null,
        website: text(values.webb) ?? null,
      });
      if (!result.ok) return report(result.issues);
      const nr = normaliseOrganisationNumber(text(values.orgnr) ?? '');
      const shown = nr ? `, organisationsnummer ${formatOrganisationNumber(nr)}` : '';
      console.log(
        `Organisationen ${name} har lagts till (id ${result.value.id}, kortadress ${slug}${shown}).`,
      );
      return EXIT.ok;
    });
  },
};

export const userCommands = { add, invite, role };
export const orgCommands = { add: orgAdd };
