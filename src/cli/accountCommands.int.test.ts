import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { emptyDatabaseEnv } from '../test/database.js';
import { EXIT, main } from './main.js';

/** The account chores of the admin, from the command line: lists, disabling, organisation roles. */
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

describe('riktning org and user chores', () => {
  it('answers --help on every command group and names the group for an unknown command', async () => {
    for (const group of ['user', 'org', 'import', 'gdpr']) {
      expect(await run(group, '--help')).toBe(EXIT.ok);
      expect(out.join('\n')).toContain(`riktning ${group} <kommando>`);
    }
    expect(await run('user', 'finns-inte')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Okänt kommando: user finns-inte');
    expect(err.join('\n')).toContain('user list');
  });

  // The first command migrates the empty database: more than the default minute on a busy machine.
  it('lists organisations and users, as text and as JSON', { timeout: 240_000 }, async () => {
    expect(
      await run(
        'org',
        'add',
        '--slug',
        'borgholm',
        '--name',
        'Borgholms kommun',
        '--kind',
        'kommun',
      ),
    ).toBe(EXIT.ok);
    expect(
      await run(
        'user',
        'add',
        '--email',
        'medlem@borgholm.example',
        '--role',
        'aktor',
        '--org',
        'borgholm',
      ),
    ).toBe(EXIT.ok);
    expect(await run('org', 'list')).toBe(EXIT.ok);
    expect(out[0]).toMatch(/^id\s+kortadress\s+namn/);
    expect(out.join('\n')).toMatch(/borgholm\s+Borgholms kommun\s+kommun\s+1/);
    expect(await run('org', 'list', '--json')).toBe(EXIT.ok);
    expect(JSON.parse(out.join('\n'))).toContainEqual(
      expect.objectContaining({ slug: 'borgholm', members: 1 }),
    );
    expect(await run('user', 'list', '--json')).toBe(EXIT.ok);
    expect(JSON.parse(out.join('\n'))).toContainEqual(
      expect.objectContaining({
        email: 'medlem@borgholm.example',
        role: 'aktor',
        disabled: false,
        organisations: ['Borgholms kommun'],
      }),
    );
  });

  it(
    'disables and enables a user, and sets an organisation role',
    { timeout: 120_000 },
    async () => {
      expect(await run('user', 'disable', '--email', 'medlem@borgholm.example')).toBe(EXIT.ok);
      expect(await run('user', 'list', '--avstangda', '--json')).toBe(EXIT.ok);
      expect(JSON.parse(out.join('\n')).map((u: { email: string }) => u.email)).toEqual([
        'medlem@borgholm.example',
      ]);
      expect(await run('user', 'enable', '--email', 'medlem@borgholm.example')).toBe(EXIT.ok);
      expect(await run('user', 'list', '--avstangda', '--json')).toBe(EXIT.ok);
      expect(JSON.parse(out.join('\n'))).toEqual([]);
      expect(await run('user', 'disable', '--email', 'ingen@example.se')).toBe(EXIT.failure);
      expect(err.join('\n')).toContain('Ingen användare har e-postadressen ingen@example.se.');

      expect(
        await run(
          'user',
          'role',
          '--email',
          'medlem@borgholm.example',
          '--org',
          'borgholm',
          '--org-role',
          'reporter',
        ),
      ).toBe(EXIT.ok);
      expect(out.join('\n')).toContain('rollen reporter i borgholm');
      expect(
        await run(
          'user',
          'role',
          '--email',
          'medlem@borgholm.example',
          '--org',
          'borgholm',
          '--org-role',
          'chef',
        ),
      ).toBe(EXIT.usage);
      expect(await run('user', 'role', '--help')).toBe(EXIT.ok);
      expect(out.join('\n')).toContain('Två lager av roller');
    },
  );
});
