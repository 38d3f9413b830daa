import { defaultRegionDir } from '../config.js';
import { requireRegionPack } from './loadPack.js';
import type { RegionIdentity, RegionPack } from './packSchema.js';

/**
 * The region pack this process serves. The front doors set it at start from the configuration
 * (`useRegionPack(requireRegionPack(config.regionDir))`), after which it does not change; until
 * then, the pack shipped in regions/ is read once (tests and tools that start no front door).
 */
let active: RegionPack | null = null;

export function useRegionPack(pack: RegionPack): void {
  active = pack;
}

export function activeRegion(): RegionPack {
  active ??= requireRegionPack(defaultRegionDir);
  return active;
}

export function regionIdentity(): RegionIdentity {
  return activeRegion().identity;
}

/** The Kolada area id of the own county, such as "0003" for Uppsala län. */
export function countyCode(): string {
  return activeRegion().identity.koladaId;
}
