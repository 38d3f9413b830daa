import { describe, expect, it } from 'vitest';
import { cliHarness } from '../test/cliHarness.js';
import { EXIT } from './main.js';

/** The account chores of the admin, from the command line: lists, disabling, organisation roles. */
const { run, io } = cliHarness();

describe('riktning org and user chores', () => {
  it('answers --help on every command group and names the group for an unknown command', async () => {
    for (const group of ['user', 'org', 'import', 'gdpr']) {
      expect(await run(group, '--help')).toBe(EXIT.ok);
      expect(io.out.join('\n')).toContain(`riktning ${group} <kommando>`);
    }
    expect(await run('user', 'finns-inte')).toBe(EXIT.usage);
    expect(io.err.join('\n')).toContain('Okänt kommando: user finns-inte');
    expect(io.err.join('\n')).toContain('user list');
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
    expect(io.out[0]).toMatch(/^id\s+kortadress\s+namn/);
    expect(io.out.join('\n')).toMatch(/borgholm\s+Borgholms kommun\s+kommun\s+1/);
    expect(await run('org', 'list', '--json')).toBe(EXIT.ok);
    expect(JSON.parse(io.out.join('\n'))).toContainEqual(
      expect.objectContaining({ slug: 'borgholm', members: 1 }),
    );
    expect(await run('user', 'list', '--json')).toBe(EXIT.ok);
    expect(JSON.parse(io.out.join('\n'))).toContainEqual(
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
      expect(JSON.parse(io.out.join('\n')).map((u: { email: string }) => u.email)).toEqual([
        'medlem@borgholm.example',
      ]);
      expect(await run('user', 'enable', '--email', 'medlem@borgholm.example')).toBe(EXIT.ok);
      expect(await run('user', 'list', '--avstangda', '--json')).toBe(EXIT.ok);
      expect(JSON.parse(io.out.join('\n'))).toEqual([]);
      expect(await run('user', 'disable', '--email', 'ingen@example.se')).toBe(EXIT.failure);
      expect(io.err.join('\n')).toContain('Ingen användare har e-postadressen ingen@example.se.');

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
      expect(io.out.join('\n')).toContain('rollen reporter i borgholm');
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
      expect(io.out.join('\n')).toContain('Två lager av roller');
    },
  );
});
