import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config.js';
import { emptyDatabaseEnv } from '../test/database.js';
import { EXIT, main } from './main.js';
import { startServer } from './serve.js';

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
  Object.assign(process.env, env.env, { LOG_LEVEL: 'silent' });
  const code = await main(argv);
  vi.restoreAllMocks();
  return code;
}

describe('riktning CLI', () => {
  it('lists its commands and explains each', async () => {
    expect(await run('--help')).toBe(EXIT.ok);
    for (const c of ['serve', 'migrate', 'seed', 'user add']) expect(out.join('\n')).toContain(c);
    expect(await run('seed', '--help')).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('--demo');
    expect(await run('user', 'add', '--help')).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('--role');
  });

  it('exits 2 on unknown commands and flags', async () => {
    expect(await run('flyga')).toBe(EXIT.usage);
    expect(err.join('\n')).toContain('Okänt kommando');
    expect(await run('seed', '--nonsense')).toBe(EXIT.usage);
  });

  it('exits 78 naming the variable when configuration is bad', async () => {
    process.env.PORT = 'abc';
    expect(await run('migrate')).toBe(EXIT.config);
    expect(err.join('\n')).toContain('PORT');
  });

  it('seeds reference and demo data once, however often it runs', async () => {
    expect(await run('seed', '--demo')).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/Demodata inläst: \d+ organisationer, \d+ insatser/);
    expect(await run('seed', '--demo')).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('Demodata fanns redan');
    expect(out.join('\n')).toContain('strategi fanns redan');
  });

  it('writes the annual report as HTML and refuses a bad year', async () => {
    const { mkdtemp, readFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'riktning-report-')), 'rapport.html');
    expect(await run('report', '2024', '--html', file)).toBe(EXIT.ok);
    expect(await readFile(file, 'utf8')).toContain('Regionala utvecklingsåret 2024');
    expect(await run('report', 'förra-året')).toBe(EXIT.usage);
  });

  it('backs up and restores through the CLI', async () => {
    const { mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'riktning-cli-backup-')), 'b.gz');
    expect(await run('backup', file)).toBe(EXIT.ok);
    expect(out.join('\n')).toMatch(/Säkerhetskopia skriven till .*: \d+ tabeller/);
    expect(await run('restore', file)).toBe(EXIT.ok);
    expect(await run('restore')).toBe(EXIT.usage);
    expect(await run('restore', path.join(path.dirname(file), 'saknas.gz'))).toBe(EXIT.failure);
  });

  it('adds users and refuses duplicates and unknown roles', async () => {
    expect(await run('user', 'add', '--email', 'Anna@Example.se', '--role', 'samordnare')).toBe(
      EXIT.ok,
    );
    expect(await run('user', 'add', '--email', 'anna@example.se', '--role', 'admin')).toBe(
      EXIT.usage,
    );
    expect(err.join('\n')).toContain('email');
    expect(await run('user', 'add', '--email', 'b@example.se', '--role', 'kung')).toBe(EXIT.usage);
    expect(await run('user', 'add', '--email', 'b@example.se')).toBe(EXIT.usage);
  });

  it('serves the kept data again after a restart', async () => {
    const config = {
      ...loadConfig({ ...env.env, LOG_LEVEL: 'silent' }),
      port: 20000 + Math.floor(Math.random() * 20000),
    };
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const server = await startServer(config, { handleSignals: false });
    try {
      const res = await fetch(`http://127.0.0.1:${config.port}/malomraden/starkt-konkurrenskraft`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('href="/insatser/');
    } finally {
      await server.close();
    }
  });
});
