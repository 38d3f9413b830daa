import { scaleQuantize } from 'd3-scale';
import { html, type SafeHtml } from '../../html.js';
import { chartFrame, type ChartTable, type SharedTable } from './chartFrame.js';
import { projectMunicipalities, type MapArea } from './geometry.js';

export interface ChoroplethParams {
  id: string;
  title: string;
  desc: string;
  areas: (MapArea & { label: string; value: number | null })[];
  format: (n: number) => string;
  missingLabel: string;
  legendTitle: string;
  table: ChartTable | SharedTable;
  csv: { href: string; label: string };
  xlsx?: { href: string; label: string };
}

/** A sequential palette, light to dark blue, each step with enough contrast to its neighbour. */
export const PALETTE = ['#deebf7', '#9ecae1', '#4292c6', '#08519c', '#08306b'] as const;
const MISSING = '#ffffff';

/** The municipalities shaded by value in five equal steps, with a legend and hatched gaps. */
export function choropleth(p: ChoroplethParams): SafeHtml {
  const present = p.areas.flatMap((a) => (a.value === null ? [] : [a.value]));
  const lo = present.length ? Math.min(...present) : 0;
  const hi = present.length ? Math.max(...present) : 1;
  const scale = scaleQuantize<string>()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .range([...PALETTE]);
  const map = projectMunicipalities(p.areas, 300);
  const legendTop = map.height + 12;
  const shapes = map.shapes.map((s) => {
    const area = p.areas.find((a) => a.code === s.code)!;
    const text = `${area.label}: ${area.value === null ? p.missingLabel : p.format(area.value)}`;
    return html`<path d="${s.d}" fill="${area.value === null ? MISSING : scale(area.value)}" stroke="#0b0c0c" stroke-width="0.8"><title>${text}</title></path>`;
  });
  const legend = PALETTE.map((colour, i) => {
    const [a, b] = scale.invertExtent(colour);
    const y = legendTop + 18 + i * 18;
    return html`<rect x="0" y="${y}" width="16" height="14" fill="${colour}" stroke="#0b0c0c" /><text x="22" y="${y + 11}">${p.format(a ?? lo)} – ${p.format(b ?? hi)}</text>`;
  });
  const missingY = legendTop + 18 + PALETTE.length * 18;
  const height = missingY + 22;
  return chartFrame({
    id: p.id,
    title: p.title,
    desc: p.desc,
    width: Math.max(240, Math.ceil(map.width)),
    height: Math.ceil(height),
    content: html`<g>${shapes}</g><g class="chart-legend"><text x="0" y="${legendTop + 8}">${p.legendTitle}</text>${legend}<rect x="0" y="${missingY}" width="16" height="14" fill="${MISSING}" stroke="#0b0c0c" /><text x="22" y="${missingY + 11}">${p.missingLabel}</text></g>`,
    table: p.table,
    csv: p.csv,
    xlsx: p.xlsx,
    className: 'chart-map',
  });
}
