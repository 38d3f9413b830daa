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

  it('rejects ports out of range and accepts false for demo data', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(ConfigError);
    expect(loadConfig({ RIKTNING_DEMO_DATA: 'false' }).demoData).toBe(false);
  });
});
