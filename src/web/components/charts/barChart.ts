import { scaleLinear } from 'd3-scale';
import { html, type SafeHtml } from '../../html.js';
import { chartFrame, coord, type ChartTable } from './chartFrame.js';

export interface Bar {
  label: string;
  /** null when the value is missing (withheld or not published). */
  value: number | null;
  /** The own area among others: drawn darker, its label bold. */
  highlight?: boolean;
}

export interface ReferenceLine {
  label: string;
  value: number;
  dash: string;
}

export interface BarChartParams {
  id: string;
  title: string;
  desc: string;
  bars: Bar[];
  references: ReferenceLine[];
  format: (n: number) => string;
  missingLabel: string;
  table: ChartTable;
  csv: { href: string; label: string };
  xlsx?: { href: string; label: string };
}

const W = 640;
const ROW = 24;
const M = { top: 34, right: 64, bottom: 24, left: 110 };
/** A white outline under a text (app.css), so a line behind it does not run through the figures. */
const HALO = html` class="halo"`;

/** One horizontal bar per municipality; the county and riket as labelled reference lines. */
export function barChart(p: BarChartParams): SafeHtml {
  const H = M.top + M.bottom + ROW * Math.max(1, p.bars.length);
  const values = [
    ...p.bars.flatMap((b) => (b.value === null ? [] : [b.value])),
    ...p.references.map((r) => r.value),
  ];
  const hi = values.length ? Math.max(...values) : 1;
  const lo = values.length ? Math.min(0, ...values) : 0;
  const x = scaleLinear()
    .domain([lo, hi === lo ? lo + 1 : hi])
    .nice()
    .range([M.left, W - M.right]);
  const bars = p.bars.map((b, i) => {
    const top = M.top + i * ROW;
    const weight = b.highlight ? html` font-weight="bold"` : '';
    const label = html`<text x="${M.left - 6}" y="${top + ROW / 2 + 4}" text-anchor="end"${weight}>${b.label}</text>`;
    if (b.value === null) {
      return html`<g>${label}<text x="${M.left + 4}" y="${top + ROW / 2 + 4}">${p.missingLabel}</text></g>`;
    }
    const x0 = x(Math.min(0, b.value));
    const w = Math.abs(x(b.value) - x(0));
    return html`<g>${label}<rect x="${coord(x0)}" y="${top + 3}" width="${coord(w)}" height="${ROW - 6}" fill="${b.highlight ? '#003078' : '#5694ca'}" stroke="${b.highlight ? '#0b0c0c' : '#1d70b8'}" /><text x="${coord(x0 + w + 4)}" y="${top + ROW / 2 + 4}"${HALO}>${p.format(b.value)}</text></g>`;
  });
  const refs = p.references.map(
    (r, i) =>
      html`<g class="chart-reference"><line x1="${coord(x(r.value))}" x2="${coord(x(r.value))}" y1="${M.top - 4}" y2="${H - M.bottom}" stroke="#0b0c0c" stroke-width="2" stroke-dasharray="${r.dash}" /><text x="${coord(x(r.value))}" y="${i === 0 ? 12 : 26}" text-anchor="middle"${HALO}>${r.label}: ${p.format(r.value)}</text></g>`,
  );
  return chartFrame({
    id: p.id,
    title: p.title,
    desc: p.desc,
    width: W,
    height: H,
    // The reference lines first: the bars and their values are drawn over them, each value
    // on a white halo, so a line never crosses a figure.
    content: html`${refs}${bars}`,
    table: p.table,
    csv: p.csv,
    xlsx: p.xlsx,
    className: 'chart-bar',
  });
}
