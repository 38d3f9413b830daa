import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emptyDatabaseEnv } from '../test/database.js';
import { EXIT, main } from './main.js';

let env: Awaited<ReturnType<typeof emptyDatabaseEnv>>;
const saved = { ...process.env };
let out: string[] = [];
let err: string[] = [];

beforeAll(async () => {
  env = await emptyDatabaseEnv();
});
afterAll(async () => {
  await env?.drop();
});
afterEach(() => {
  process.env = { ...saved };
  vi.restoreAllMocks();
});

async function run(...argv: string[]) {
  out = [];
  err = [];
  vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  Object.assign(process.env, env.env, {
    LOG_LEVEL: 'silent',
    RIKTNING_PUBLIC_URL: 'https://riktning.example.se',
  });
  delete process.env.SMTP_URL;
  const code = await main(argv);
  vi.restoreAllMocks();
  return code;
}

describe('riktning user', () => {
  it('adds a user with a password and an organisation, all or nothing', async () => {
    expect(
      await run(
        'user',
        'add',
        '--email',
        'lokal@example.se',
        '--role',
        'aktor',
        '--org',
        'finns-inte',
        '--password',
        'ett tillräckligt långt lösenord',
      ),
    ).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Organisationen finns inte');
    expect(
      await run(
        'user',
        'add',
        '--email',
        'lokal@example.se',
        '--role',
        'aktor',
        '--password',
        'kort',
      ),
    ).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('minst 12 tecken');
    expect(
      await run(
        'user',
        'add',
        '--email',
        'lokal@example.se',
        '--role',
        'aktor',
        '--password',
        'ett tillräckligt långt lösenord',
      ),
    ).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('lokal@example.se');
    expect(out.join('\n')).not.toContain('lösenord');
  });

  it('invites and prints a link, and changes a role', async () => {
    expect(
      await run('user', 'invite', '--email', 'inbjuden@example.se', '--role', 'analytiker'),
    ).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/https:\/\/riktning\.example\.se\/inbjudan\/[A-Za-z0-9_-]{43}/);
    expect(await run('user', 'invite', '--email', 'lokal@example.se', '--role', 'aktor')).toBe(
      EXIT.usage,
    );
    expect(await run('user', 'role', '--email', 'lokal@example.se', '--role', 'samordnare')).toBe(
      EXIT.ok,
    );
    expect(out.join('\n')).toContain('samordnare');
    expect(await run('user', 'role', '--email', 'lokal@example.se', '--role', 'kung')).toBe(
      EXIT.usage,
    );
    expect(await run('user', 'role', '--email', 'ingen@example.se', '--role', 'aktor')).toBe(
      EXIT.usage,
    );
    expect(await run('user', 'role')).toBe(EXIT.usage);
  });
});

describe('riktning org add', () => {
  const orgAdd = (slug: string, name: string, kind: string, orgnr?: string) =>
    run(
      'org',
      'add',
      '--slug',
      slug,
      '--name',
      name,
      '--kind',
      kind,
      ...(orgnr ? ['--orgnr', orgnr] : []),
    );

  it('adds an organisation after checking the organisationsnummer', async () => {
    expect(await orgAdd('cli-forening', 'CLI-föreningen', 'ideell-forening', '556677-8898')).toBe(
      EXIT.usage,
    );
    expect(err.join('\n')).toContain('orgNumber: Organisationsnumret stämmer inte');
    expect(await orgAdd('cli-forening', 'CLI-föreningen', 'ideell-forening', '5566778899')).toBe(
      EXIT.ok,
    );
    expect(out.join('\n')).toContain('organisationsnummer 556677-8899');
    expect(await orgAdd('cli-forening-2', 'Dubblett', 'foretag', '556677-8899')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('finns redan');
    expect(await orgAdd('x', 'Y', 'kungadome')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('kind:');
    expect(await run('org', 'add', '--name', 'Utan kortadress')).toBe(EXIT.usage);
  });
});

describe('riktning user reset-second-factor', () => {
  it('resets a known user, refuses an unknown address and a missing --email', async () => {
    const password = 'ett tillräckligt långt lösenord';
    expect(
      await run(
        'user',
        'add',
        '--email',
        'sam@example.se',
        '--role',
        'samordnare',
        '--password',
        password,
      ),
    ).toBe(EXIT.ok);
    expect(await run('user', 'reset-second-factor', '--email', 'Sam@Example.se')).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('sam@example.se är återställt');
    expect(await run('user', 'reset-second-factor', '--email', 'ingen@example.se')).toBe(
      EXIT.usage,
    );
    expect(err.join('\n')).toContain('Det finns ingen användare');
    expect(await run('user', 'reset-second-factor')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Ange --email');
  });
});
