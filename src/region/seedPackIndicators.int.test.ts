import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client.js';
import { indicators } from '../db/schema/index.js';
import { createTestDatabase, testCtx } from '../test/database.js';
import { activeRegion } from './activeRegion.js';
import { seedPackIndicators } from './seedPackIndicators.js';

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe('the pack’s indicators without demo data', () => {
  it('are defined with their sources and no values, once', async () => {
    const ctx = testCtx(database.db);
    const pack = activeRegion().indicators;
    expect(await seedPackIndicators(ctx)).toBe(pack.length);
    expect(await seedPackIndicators(ctx)).toBe(0);
    const [{ n } = { n: 0 }] = await database.db
      .select({ n: count() })
      .from(indicators)
      .where(eq(indicators.source, 'kolada'));
    expect(n).toBe(pack.filter((i) => i.source === 'kolada').length);
    expect(n).toBeGreaterThan(0);
    const rows = await database.db.select().from(indicators);
    expect(rows.every((r) => !r.isDemo && r.targetIsExample)).toBe(true);
  });
});
