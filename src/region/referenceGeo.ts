import { readFileSync } from 'node:fs';
import type { PlaceInput } from '../domain/places/registerPlaces.js';

/**
 * The country's places from the reference data shipped with the product (reference/geo, with its
 * SOURCE.md): the 21 län and 290 municipalities with SCB codes, names and simplified boundaries.
 */
const root = new URL('../../reference/geo/', import.meta.url);

type Geometry = NonNullable<PlaceInput['geometry']>;

export interface County {
  /** Two-digit SCB län code. */
  code: string;
  /** "Uppsala län". */
  name: string;
  /** "Uppsala". */
  shortName: string;
  /** ISO 3166-2 code, "SE-C". */
  iso: string;
}

export interface Municipality {
  code: string;
  name: string;
  countyCode: string;
}

function csv(file: string): Record<string, string>[] {
  const [head, ...rows] = readFileSync(new URL(file, root), 'utf8').trim().split(/\r?\n/);
  const columns = head!.split(',');
  return rows.map((r) => {
    const cells = r.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

let cache: {
  counties: County[];
  municipalities: Municipality[];
  countyGeometry: Map<string, Geometry>;
  municipalityGeometry: Map<string, Geometry>;
} | null = null;

function load() {
  if (cache) return cache;
  const iso = new Map(csv('lan_iso_3166_2.csv').map((r) => [r.county_code!, r.iso_3166_2!]));
  const counties = csv('sverige_lan_koder.csv').map((r) => ({
    code: r.county_code!,
    name: r.county_name!,
    shortName: r.county_name_short!,
    iso: iso.get(r.county_code!) ?? '',
  }));
  const municipalities = csv('sverige_kommuner_lan_koder.csv').map((r) => ({
    code: r.municipality_code!,
    name: r.municipality_name_short!,
    countyCode: r.county_code!,
  }));
  const geometries = (file: string, key: string) => {
    const fc = JSON.parse(readFileSync(new URL(file, root), 'utf8')) as {
      features: { properties: Record<string, string>; geometry: Geometry }[];
    };
    return new Map(fc.features.map((f) => [f.properties[key]!, f.geometry]));
  };
  cache = {
    counties,
    municipalities,
    countyGeometry: geometries('sverige_lan.geojson', 'LnKod'),
    municipalityGeometry: geometries('sverige_kommuner.geojson', 'KnKod'),
  };
  return cache;
}

export function counties(): County[] {
  return load().counties;
}

export function county(code: string): County | undefined {
  return load().counties.find((c) => c.code === code);
}

export function municipalitiesOf(countyCode: string): Municipality[] {
  return load().municipalities.filter((m) => m.countyCode === countyCode);
}

/** The Kolada area id of a län: "00" and the län code. */
export const koladaCountyId = (lanCode: string) => `00${lanCode}`;

/**
 * Every place: riket, the 21 län and the 290 municipalities. The own county and its
 * municipalities are the installation's places; the others are comparison areas.
 */
export function countryPlaces(own: {
  lanCode: string;
  countySv: string;
  countyEn: string;
}): (PlaceInput & { comparison: boolean })[] {
  const { counties, municipalities, countyGeometry, municipalityGeometry } = load();
  return [
    {
      code: '0000',
      kind: 'riket',
      nameSv: 'Riket',
      nameEn: 'Sweden',
      scbCode: '00',
      parentCode: null,
      geometry: null,
      comparison: false,
    },
    ...counties.map((c) => {
      const isOwn = c.code === own.lanCode;
      return {
        code: koladaCountyId(c.code),
        kind: 'region' as const,
        nameSv: isOwn ? own.countySv : c.name,
        nameEn: isOwn ? own.countyEn : `${c.shortName} County`,
        scbCode: c.code,
        parentCode: '0000',
        geometry: countyGeometry.get(c.code) ?? null,
        comparison: !isOwn,
      };
    }),
    ...municipalities.map((m) => ({
      code: m.code,
      kind: 'kommun' as const,
      nameSv: m.name,
      nameEn: m.name,
      scbCode: m.code,
      parentCode: koladaCountyId(m.countyCode),
      geometry: municipalityGeometry.get(m.code) ?? null,
      comparison: m.countyCode !== own.lanCode,
    })),
  ];
}
