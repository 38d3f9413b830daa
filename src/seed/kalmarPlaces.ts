import type { PlaceInput } from '../domain/places/registerPlaces.js';
import { readReferenceJson } from './referenceFiles.js';

/** The twelve municipalities of Kalmar län with their official codes. */
export const kalmarMunicipalities: { code: string; name: string }[] = [
  { code: '0821', name: 'Högsby' },
  { code: '0834', name: 'Torsås' },
  { code: '0840', name: 'Mörbylånga' },
  { code: '0860', name: 'Hultsfred' },
  { code: '0861', name: 'Mönsterås' },
  { code: '0862', name: 'Emmaboda' },
  { code: '0880', name: 'Kalmar' },
  { code: '0881', name: 'Nybro' },
  { code: '0882', name: 'Oskarshamn' },
  { code: '0883', name: 'Västervik' },
  { code: '0884', name: 'Vimmerby' },
  { code: '0885', name: 'Borgholm' },
];

interface FeatureCollection {
  features: { properties: Record<string, string>; geometry: PlaceInput['geometry'] }[];
}

/** Riket, Region Kalmar län and its municipalities, with boundaries from reference/geo. */
export async function kalmarPlaces(): Promise<PlaceInput[]> {
  const municipalities = await readReferenceJson<FeatureCollection>(
    'geo/kalmar_lan_kommuner.geojson',
  );
  const county = await readReferenceJson<FeatureCollection>('geo/kalmar_lan.geojson');
  const geometryOf = (code: string) =>
    municipalities.features.find((f) => f.properties.KnKod === code)?.geometry ?? null;
  return [
    {
      code: '0000',
      kind: 'riket',
      nameSv: 'Riket',
      nameEn: 'Sweden',
      scbCode: '00',
      parentCode: null,
      geometry: null,
    },
    {
      code: '0008',
      kind: 'region',
      nameSv: 'Region Kalmar län',
      nameEn: 'Kalmar County',
      scbCode: '08',
      parentCode: '0000',
      geometry: county.features[0]?.geometry ?? null,
    },
    ...kalmarMunicipalities.map((m) => ({
      code: m.code,
      kind: 'kommun' as const,
      nameSv: m.name,
      nameEn: m.name,
      scbCode: m.code,
      parentCode: '0008',
      geometry: geometryOf(m.code),
    })),
  ];
}
