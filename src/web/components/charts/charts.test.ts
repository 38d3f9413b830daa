import { describe, expect, it } from 'vitest';
import { barChart } from './barChart.js';
import { choropleth, PALETTE } from './choropleth.js';
import { lineChart } from './lineChart.js';
import { withUnit } from './unitTitle.js';

const fmt = (n: number) => n.toFixed(1);
const table = { caption: 'Tabell', head: ['År', 'Värde'], rows: [[2020, '1,0']] };
const csv = { href: '/indikatorer/x.csv', label: 'Ladda ner data (CSV)' };
const hostile = '<script>alert("x")</script>';

/** Every number in the SVG's coordinates. */
function coordinates(svg: string): number[] {
  const attrs = [...svg.matchAll(/\b(?:x|y|x1|x2|y1|y2|cx|cy|width|height|r)="([^"]*)"/g)];
  const fromPaths = [...svg.matchAll(/\bd="([^"]*)"/g)].flatMap((m) =>
    (m[1]!.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number),
  );
  return [...attrs.map((m) => Number(m[1])), ...fromPaths];
}

function expectTextAlternative(out: string) {
  expect(out).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="([^" ]+-title) ([^" ]+-desc)"/);
  expect(out).toMatch(/<title id="[^"]+-title">/);
  expect(out).toMatch(/<desc id="[^"]+-desc">/);
  expect(out).toContain('<caption>');
  expect(out).toContain(`href="${csv.href}"`);
  expect(out).not.toMatch(/NaN|Infinity|undefined|style=/);
  expect(out).not.toContain('<script>');
}

describe('line chart', () => {
  const params = {
    id: 'trend',
    title: hostile,
    desc: 'Linjediagram',
    series: [
      {
        label: 'Totalt',
        dash: 'solid' as const,
        values: [2019, 2020, 2021].map((year, i) => ({ year, value: 70 + i })),
      },
      {
        label: hostile,
        dash: 'dash' as const,
        values: [2019, 2020, 2021].map((year, i) => ({ year, value: 72 + i })),
      },
      { label: 'Män', dash: 'dot' as const, values: [{ year: 2021, value: 71.5 }] },
    ],
    baseline: { year: 2019, value: 70, label: 'Utgångsvärde' },
    target: { year: 2030, value: 80, label: 'Målvärde*' },
    format: fmt,
    table,
    csv,
  };

  it('stays inside its view box, marks target and baseline, and escapes its text', () => {
    const out = lineChart(params).toString();
    expectTextAlternative(out);
    for (const n of coordinates(out)) {
      expect(n).toBeGreaterThanOrEqual(0);
      expect(n).toBeLessThanOrEqual(640);
    }
    expect(out).toContain('stroke-dasharray="8 4"');
    expect(out).toContain('stroke-dasharray="2 4"');
    expect(out).toContain('Målvärde*');
    expect(out).toContain('Utgångsvärde');
    expect(out).toContain('&lt;script&gt;');
    // The path to the target: from the baseline's point to the target's.
    const path =
      /<g class="chart-target-path"><line x1="([\d.]+)" y1="([\d.]+)" x2="([\d.]+)" y2="([\d.]+)"/.exec(
        out,
      );
    expect(path).not.toBeNull();
    const [, x1, y1, x2, y2] = path!.map(Number);
    expect(x2!).toBeGreaterThan(x1!);
    expect(y2!).toBeLessThan(y1!);
    expect(lineChart({ ...params, baseline: null }).toString()).not.toContain('chart-target-path');
  });

  it('links the data as XLSX beside the CSV when given, and only then', () => {
    const xlsx = { href: '/indikatorer/x.xlsx', label: 'Ladda ner data (Excel)' };
    const out = lineChart({ ...params, xlsx }).toString();
    expect(out).toContain(
      `<a href="${csv.href}" download>${csv.label}</a> · <a href="${xlsx.href}" download>${xlsx.label}</a>`,
    );
    expect(lineChart(params).toString()).not.toContain('.xlsx');
  });

  it('draws nothing broken without data, or with one flat value', () => {
    for (const series of [
      [],
      [{ label: 'T', dash: 'solid' as const, values: [{ year: 2020, value: 0 }] }],
    ]) {
      const out = lineChart({ ...params, series, baseline: null, target: null }).toString();
      expectTextAlternative(out);
    }
  });
});

describe('bar chart', () => {
  it('draws a bar per municipality, the missing ones as text, and labelled reference lines', () => {
    const out = barChart({
      id: 'bar',
      title: 'Kommunerna 2025',
      desc: 'Stapeldiagram',
      bars: [
        { label: 'Kalmar', value: 75 },
        { label: 'Högsby', value: null },
        { label: hostile, value: -3 },
      ],
      references: [
        { label: 'Kalmar län', value: 72, dash: '6 3' },
        { label: 'Riket', value: 74, dash: '2 3' },
      ],
      format: fmt,
      missingLabel: 'Saknas',
      table,
      csv,
    }).toString();
    expectTextAlternative(out);
    expect(out.match(/<rect /g)).toHaveLength(2);
    expect(out).toContain('Saknas');
    // The reference lines lie under the bars, and every figure sits on a white halo.
    expect(out.lastIndexOf('<line ')).toBeLessThan(out.indexOf('<rect '));
    expect(out).toMatch(/<text [^>]*class="halo"[^>]*>75\.0<\/text>/);
    expect(out).toContain('Kalmar län: 72.0');
    for (const n of coordinates(out)) expect(Number.isFinite(n)).toBe(true);
  });
});

describe('choropleth', () => {
  const square = (x: number) => ({
    type: 'Polygon' as const,
    coordinates: [
      [
        [16 + x, 57],
        [16.2 + x, 57],
        [16.2 + x, 57.2],
        [16 + x, 57.2],
        [16 + x, 57],
      ],
    ],
  });
  it('shades by value with a legend and shows missing values as such', () => {
    const out = choropleth({
      id: 'map',
      title: 'Karta',
      desc: 'Karta över kommunerna',
      areas: [
        { code: '0880', geometry: square(0), label: 'Kalmar', value: 10 },
        { code: '0881', geometry: square(0.2), label: hostile, value: 20 },
        { code: '0821', geometry: square(0.4), label: 'Högsby', value: null },
      ],
      format: fmt,
      missingLabel: 'Saknas',
      legendTitle: '%',
      table,
      csv,
    }).toString();
    expectTextAlternative(out);
    expect(out).toContain(`fill="${PALETTE[0]}"`);
    expect(out).toContain(`fill="${PALETTE[PALETTE.length - 1]}"`);
    expect(out).toContain('<title>Högsby: Saknas</title>');
    for (const n of coordinates(out)) expect(n).toBeGreaterThanOrEqual(0);
  });
});

describe('withUnit', () => {
  it('adds the unit once', () => {
    expect(withUnit('Valdeltagande, andel (%)', '%')).toBe('Valdeltagande, andel (%)');
    expect(withUnit('Valdeltagande, andel', '%')).toBe('Valdeltagande, andel (%)');
    expect(withUnit('Invånare (antal)', 'kr')).toBe('Invånare (antal) (kr)');
    expect(withUnit('Invånare', '')).toBe('Invånare');
  });
});
