import { activeRegion } from '../region/activeRegion.js';
import { municipalitiesOf } from '../region/referenceGeo.js';

/** The municipalities of the active region's county, with their official codes. */
export function regionMunicipalities(): { code: string; name: string }[] {
  return municipalitiesOf(activeRegion().identity.lanCode).map(({ code, name }) => ({
    code,
    name,
  }));
}
