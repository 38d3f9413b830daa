import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('config', () => {
  it('defaults to embedded PGlite in ./data on 127.0.0.1:3000', () => {
    const c = loadConfig({});
    expect(c.database).toEqual({ kind: 'pglite', dataDir: path.resolve('./data') });
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(3000);
    expect(c.demoData).toBe(true);
  });

  it('uses PostgreSQL when DATABASE_URL is set', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/riktning',
      DATABASE_POOL_MAX: '5',
    });
    expect(c.database).toEqual({
      kind: 'postgres',
      url: 'postgres://u@127.0.0.1:5432/riktning',
      poolMax: 5,
    });
  });

  it('names each bad variable', () => {
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', RIKTNING_DEMO_DATA: 'kanske' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const vars = (err as ConfigError).problems.map((p) => p.variable).sort();
      expect(vars).toEqual(['DATABASE_URL', 'PORT', 'RIKTNING_DEMO_DATA']);
      expect((err as Error).message).toContain('PORT');
    }
  });

  it('takes a read replica only beside a PostgreSQL primary, with its own pool size', () => {
    const primary = 'postgres://u@127.0.0.1:5432/riktning';
    const replica = 'postgres://u@replik:5432/riktning';
    expect(loadConfig({}).readDatabase).toBeNull();
    expect(loadConfig({ DATABASE_URL: primary, DATABASE_POOL_MAX: '7' }).readDatabase).toBeNull();
    expect(
      loadConfig({ DATABASE_URL: primary, DATABASE_POOL_MAX: '7', DATABASE_READ_URL: replica })
        .readDatabase,
    ).toEqual({ url: replica, poolMax: 7 });
    expect(
      loadConfig({
        DATABASE_URL: primary,
        DATABASE_READ_URL: replica,
        DATABASE_READ_POOL_MAX: '20',
      }).readDatabase,
    ).toEqual({ url: replica, poolMax: 20 });
  });

  it('stops with a Swedish message for a read replica without a primary or with a bad address', () => {
    const problem = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        return (err as ConfigError).problems;
      }
      throw new Error('expected a ConfigError');
    };
    const alone = problem({ DATABASE_READ_URL: 'postgres://u@replik:5432/riktning' });
    expect(alone.map((p) => p.variable)).toEqual(['DATABASE_READ_URL']);
    expect(alone[0]!.message).toMatch(/kan bara användas tillsammans med DATABASE_URL/);
    const bad = problem({
      DATABASE_URL: 'postgres://u@127.0.0.1:5432/riktning',
      DATABASE_READ_URL: 'mysql://replik/riktning',
    });
    expect(bad.map((p) => p.variable)).toEqual(['DATABASE_READ_URL']);
    expect(bad[0]!.message).toMatch(/måste vara en PostgreSQL-adress/);
    expect(
      problem({
        DATABASE_URL: 'postgres://u@h/r',
        DATABASE_READ_URL: 'postgres://u@h/r',
        DATABASE_READ_POOL_MAX: '0',
      }).map((p) => p.variable),
    ).toEqual(['DATABASE_READ_POOL_MAX']);
  });

  it('rejects ports out of range and accepts false for demo data', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(loadConfig({ RIKTNING_DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});
