import { eq } from 'drizzle-orm';
import { installation, places } from '../db/schema/index.js';
import type { Ctx } from '../domain/context.js';
import { regionIdentity } from './activeRegion.js';
import type { RegionIdentity } from './packSchema.js';

export class RegionMismatchError extends Error {
  constructor(
    readonly databaseLan: string,
    readonly packLan: string,
  ) {
    super(
      `Databasen hör till län ${databaseLan} men regionpaketet (RIKTNING_REGION) är för län ${packLan}. ` +
        'En databas hör till en region: starta med det paket databasen skapades med, eller med en ny ' +
        `databas. / The database belongs to län ${databaseLan} but the region pack is for län ${packLan}: ` +
        'one database, one region.',
    );
    this.name = 'RegionMismatchError';
  }
}

/**
 * Which län the database belongs to: the installation row, or for a database seeded before the
 * row existed, its own (non-comparison) county place. Null for an empty database.
 */
export async function databaseLan(ctx: Pick<Ctx, 'db'>): Promise<string | null> {
  const [row] = await ctx.db.select({ lan: installation.lanCode }).from(installation);
  if (row) return row.lan;
  const [county] = await ctx.db
    .select({ scb: places.scbCode })
    .from(places)
    .where(eq(places.kind, 'region'))
    .orderBy(places.comparison)
    .limit(1);
  return county?.scb ?? null;
}

/** Refuses a pack for another län than the database's; records the län on first use. */
export async function claimInstallation(ctx: Ctx, region: RegionIdentity): Promise<void> {
  const lan = await databaseLan(ctx);
  if (lan !== null && lan !== region.lanCode) throw new RegionMismatchError(lan, region.lanCode);
  await ctx.db
    .insert(installation)
    .values({ id: 1, lanCode: region.lanCode, regionName: region.nameSv })
    .onConflictDoNothing();
}

/** Refuses to work on a database that belongs to another region than the active pack's. */
export async function assertDatabaseRegion(
  ctx: Pick<Ctx, 'db'>,
  region: RegionIdentity = regionIdentity(),
): Promise<void> {
  const lan = await databaseLan(ctx);
  if (lan !== null && lan !== region.lanCode) throw new RegionMismatchError(lan, region.lanCode);
}
