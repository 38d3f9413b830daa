import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { YearValue } from '../../../domain/followup/progressStatus.js';
import { html, type SafeHtml } from '../../html.js';
import { chartFrame, coord, type ChartTable } from './chartFrame.js';

export type Dash = 'solid' | 'dash' | 'dot';

export interface LineSeries {
  label: string;
  values: YearValue[];
  dash: Dash;
}

export interface LineChartParams {
  id: string;
  title: string;
  desc: string;
  series: LineSeries[];
  baseline: (YearValue & { label: string }) | null;
  target: (YearValue & { label: string }) | null;
  format: (n: number) => string;
  table: ChartTable;
  csv: { href: string; label: string };
  xlsx?: { href: string; label: string };
}

const W = 640;
const H = 320;
const M = { top: 20, right: 120, bottom: 32, left: 56 };
const dashes: Record<Dash, string> = { solid: '', dash: '8 4', dot: '2 4' };

/** Years on x, values on y: a line per series, the target as a dashed line, the baseline a ring. */
export function lineChart(p: LineChartParams): SafeHtml {
  const all = p.series.flatMap((s) => s.values);
  const years = [
    ...all.map((v) => v.year),
    ...(p.target ? [p.target.year] : []),
    ...(p.baseline ? [p.baseline.year] : []),
  ];
  const values = [
    ...all.map((v) => v.value),
    ...(p.target ? [p.target.value] : []),
    ...(p.baseline ? [p.baseline.value] : []),
  ];
  const minYear = years.length ? Math.min(...years) : 2018;
  const maxYear = years.length ? Math.max(...years) : 2030;
  // A line chart need not start at zero: the axis spans the values with a margin, so change shows.
  const min = values.length ? Math.min(...values) : 0;
  const max = values.length ? Math.max(...values) : 1;
  const pad = (max - min) * 0.15 || Math.abs(max) * 0.1 || 1;
  const lo = min >= 0 ? Math.max(0, min - pad) : min - pad;
  const hi = max + pad;
  const x = scaleLinear()
    .domain([minYear, maxYear === minYear ? minYear + 1 : maxYear])
    .range([M.left, W - M.right]);
  const y = scaleLinear()
    .domain([lo, hi])
    .nice()
    .range([H - M.bottom, M.top]);
  const floor = y.domain()[0]!;
  const path = line<YearValue>()
    .x((d) => x(d.year))
    .y((d) => y(d.value));
  const yTicks = y.ticks(5);
  const yearTicks = x.ticks(Math.min(8, maxYear - minYear + 1)).filter(Number.isInteger);
  const grid = html`<g class="chart-axis">
    ${yTicks.map(
      (t) =>
        html`<line x1="${M.left}" x2="${W - M.right}" y1="${coord(y(t))}" y2="${coord(y(t))}" stroke="#d0d4d9" /><text x="${M.left - 6}" y="${coord(y(t) + 4)}" text-anchor="end">${p.format(t)}</text>`,
    )}
    ${yearTicks.map(
      (t) =>
        html`<text x="${coord(x(t))}" y="${H - M.bottom + 18}" text-anchor="middle">${t}</text>`,
    )}
    <line x1="${M.left}" x2="${W - M.right}" y1="${coord(y(floor))}" y2="${coord(y(floor))}" stroke="#505a5f" />
  </g>`;
  const target = p.target
    ? html`<g class="chart-target"><line x1="${M.left}" x2="${W - M.right}" y1="${coord(y(p.target.value))}" y2="${coord(y(p.target.value))}" stroke="#0b0c0c" stroke-width="1.5" stroke-dasharray="12 4 2 4" /><text x="${W - M.right + 6}" y="${coord(y(p.target.value) + 4)}">${p.target.label}</text></g>`
    : '';
  // The path the target asks for: straight from the baseline to the target value in its year,
  // so a reader sees whether the line runs ahead of it or behind.
  const targetPath =
    p.target && p.baseline && p.target.year > p.baseline.year
      ? html`<g class="chart-target-path"><line x1="${coord(x(p.baseline.year))}" y1="${coord(y(p.baseline.value))}" x2="${coord(x(p.target.year))}" y2="${coord(y(p.target.value))}" stroke="#505a5f" stroke-width="1.5" stroke-dasharray="4 3" /><circle cx="${coord(x(p.target.year))}" cy="${coord(y(p.target.value))}" r="4" fill="#505a5f" /></g>`
      : '';
  const baseline = p.baseline
    ? html`<g class="chart-baseline"><circle cx="${coord(x(p.baseline.year))}" cy="${coord(y(p.baseline.value))}" r="6" fill="#ffffff" stroke="#0b0c0c" stroke-width="2" /><text x="${coord(x(p.baseline.year) + 9)}" y="${coord(y(p.baseline.value) - 9)}">${p.baseline.label}</text></g>`
    : '';
  const drawn = p.series.filter((s) => s.values.length > 0);
  const labelY = dodge(drawn.map((s) => y(s.values[s.values.length - 1]!.value) + 4));
  const lines = drawn.map((s, i) => {
    const last = s.values[s.values.length - 1]!;
    return html`<g class="chart-series"><path d="${path(s.values) ?? ''}" fill="none" stroke="#0b0c0c" stroke-width="${s.dash === 'solid' ? 3 : 2}"${dashes[s.dash] ? html` stroke-dasharray="${dashes[s.dash]}"` : ''} />${s.values.map((v) => html`<circle cx="${coord(x(v.year))}" cy="${coord(y(v.value))}" r="2.5" fill="#0b0c0c" />`)}<text x="${coord(x(last.year) + 8)}" y="${coord(labelY[i]!)}">${s.label}</text></g>`;
  });
  return chartFrame({
    id: p.id,
    title: p.title,
    desc: p.desc,
    width: W,
    height: H,
    content: html`${grid}${target}${targetPath}${lines}${baseline}`,
    table: p.table,
    csv: p.csv,
    xlsx: p.xlsx,
    className: 'chart-line',
  });
}

/** Moves direct labels apart so that no two are closer than gap, keeping their order. */
export function dodge(ys: number[], gap = 13): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y);
  for (let k = 1; k < order.length; k++) {
    if (order[k]!.y - order[k - 1]!.y < gap) order[k]!.y = order[k - 1]!.y + gap;
  }
  const out = [...ys];
  for (const o of order) out[o.i] = o.y;
  return out;
}
