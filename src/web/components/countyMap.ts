import type { PlaceSummary } from '../../domain/places/queries.js';
import { html, type SafeHtml } from '../html.js';
import { localePath, messages, type Locale } from '../i18n/index.js';
import { countyCode } from '../../region/activeRegion.js';

type Ring = [number, number][];

function rings(geometry: PlaceSummary['geometry']): Ring[] {
  if (!geometry) return [];
  const c = geometry.coordinates as unknown;
  if (geometry.type === 'Polygon') return c as Ring[];
  return (c as Ring[][]).flat();
}

export interface CountyMapParams {
  locale: Locale;
  places: PlaceSummary[];
  /** Municipalities to emphasise, e.g. on a municipality's own page. */
  highlight?: string | string[];
  /**
   * An initiative's own map: its places marked, every municipality named without the counts of
   * all initiatives (which are not this initiative's).
   */
  own?: boolean;
}

/**
 * The county as server-rendered SVG: each municipality a link with its name and count. Coordinates are
 * WGS84; longitude is scaled by cos(latitude) so the shapes keep their proportions.
 */
export function countyMap(p: CountyMapParams): SafeHtml {
  const t = messages(p.locale);
  const marked = new Set(typeof p.highlight === 'string' ? [p.highlight] : (p.highlight ?? []));
  const countyWide = marked.has(countyCode());
  const municipalities = p.places.filter((x) => x.kind === 'kommun' && x.geometry);
  const all = municipalities.flatMap((m) => rings(m.geometry).flat());
  if (all.length === 0) return html``;
  const lat0 = all.reduce((s, [, lat]) => s + lat, 0) / all.length;
  const k = Math.cos((lat0 * Math.PI) / 180);
  const xs = all.map(([lon]) => lon * k);
  const ys = all.map(([, lat]) => -lat);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const scale = 300 / Math.max(Math.max(...xs) - minX, Math.max(...ys) - minY);
  const width = (Math.max(...xs) - minX) * scale;
  const height = (Math.max(...ys) - minY) * scale;
  const project = ([lon, lat]: [number, number]) =>
    `${((lon * k - minX) * scale).toFixed(1)},${((-lat - minY) * scale).toFixed(1)}`;
  const shapes = municipalities.map((m) => {
    const rs = rings(m.geometry);
    const d = rs.map((r) => `M${r.map(project).join('L')}Z`).join('');
    const largest = rs.reduce((a, b) => (b.length > a.length ? b : a), rs[0]!);
    const cx = largest.reduce((s, [lon]) => s + lon, 0) / largest.length;
    const cy = largest.reduce((s, [, lat]) => s + lat, 0) / largest.length;
    const [x, y] = project([cx, cy]).split(',');
    const name = p.locale === 'sv' ? m.nameSv : m.nameEn;
    const here = countyWide || marked.has(m.code);
    const label = p.own
      ? here
        ? `${name}: ${t.mapInitiativeHere}`
        : name
      : `${name}: ${t.initiativesCount(m.initiativeCount)}`;
    return {
      shape: html`<a href="${localePath(p.locale, `/kommuner/${m.code}`)}" aria-label="${label}"${marked.size === 1 && marked.has(m.code) ? html` aria-current="page"` : ''}><title>${label}</title><path d="${d}"${here ? html` class="current"` : ''}/></a>`,
      label: html`<text x="${x}" y="${y}" text-anchor="middle"><tspan class="name" x="${x}">${name}</tspan>${p.own ? '' : html`<tspan class="count" x="${x}" dy="1.1em">${m.initiativeCount}</tspan>`}</text>`,
    };
  });
  // The names are drawn after every shape, so no neighbour covers them; the links carry the
  // same words for assistive technology.
  return html`<svg class="county-map" viewBox="-2 -2 ${(width + 4).toFixed(0)} ${(height + 4).toFixed(0)}" role="group" aria-label="${p.own ? t.placeMapTitle : t.mapTitle}">${shapes.map((s) => s.shape)}<g class="labels" aria-hidden="true">${shapes.map((s) => s.label)}</g></svg>`;
}
