/**
 * Projects municipality boundaries (WGS84 GeoJSON) to SVG paths, the same way as countyMap.ts:
 * longitude scaled by cos(latitude) so the shapes keep their proportions.
 */
type Ring = [number, number][];

export interface MapArea {
  code: string;
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] } | null;
}

export function rings(geometry: MapArea['geometry']): Ring[] {
  if (!geometry) return [];
  const c = geometry.coordinates as unknown;
  if (geometry.type === 'Polygon') return c as Ring[];
  return (c as Ring[][]).flat();
}

export interface ProjectedMap {
  width: number;
  height: number;
  shapes: { code: string; d: string }[];
}

export function projectMunicipalities(areas: MapArea[], size: number): ProjectedMap {
  const withShape = areas.filter((a) => a.geometry);
  const all = withShape.flatMap((a) => rings(a.geometry).flat());
  if (all.length === 0) return { width: 0, height: 0, shapes: [] };
  const lat0 = all.reduce((s, [, lat]) => s + lat, 0) / all.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (const [lon, lat] of all) {
    minX = Math.min(minX, lon * k);
    maxX = Math.max(maxX, lon * k);
    minY = Math.min(minY, -lat);
    maxY = Math.max(maxY, -lat);
  }
  const scale = size / Math.max(maxX - minX, maxY - minY);
  const project = ([lon, lat]: [number, number]) =>
    `${((lon * k - minX) * scale).toFixed(1)},${((-lat - minY) * scale).toFixed(1)}`;
  return {
    width: (maxX - minX) * scale,
    height: (maxY - minY) * scale,
    shapes: withShape.map((a) => ({
      code: a.code,
      d: rings(a.geometry)
        .map((r) => `M${r.map(project).join('L')}Z`)
        .join(''),
    })),
  };
}
