import { unitLabel } from '../i18n/units.js';
import type { IndicatorDetail, ObservationRow } from '../../domain/followup/indicatorQueries.js';
import { withUnit } from '../components/charts/unitTitle.js';
import { COUNTRY, county as countyArea, series } from '../../domain/followup/indicatorStatus.js';
import type { PlaceSummary } from '../../domain/places/queries.js';
import { barChart } from '../components/charts/barChart.js';
import { choropleth } from '../components/charts/choropleth.js';
import { lineChart, type LineSeries } from '../components/charts/lineChart.js';
import { html, type SafeHtml } from '../html.js';
import { followupMessages } from '../i18n/followup.en.js';
import { localePath, type Locale } from '../i18n/index.js';
import { formatValue } from './followupParts.js';

export interface IndicatorChartData {
  indicator: IndicatorDetail;
  observations: ObservationRow[];
  places: PlaceSummary[];
}

/** The latest year with a county total: the year the municipalities are compared in. */
export function comparisonYear(observations: ObservationRow[]): number | null {
  const years = series(observations, countyArea(), 'T').map((v) => v.year);
  return years.length ? Math.max(...years) : null;
}

/**
 * The line chart, the bar chart and the map of an indicator, each with its table and its CSV and
 * XLSX links.
 */
export function indicatorCharts(locale: Locale, d: IndicatorChartData): SafeHtml {
  const f = followupMessages(locale);
  const i = d.indicator;
  const sv = locale === 'sv';
  const name = sv ? i.nameSv : i.nameEn;
  const fmt = (n: number) => formatValue(locale, n, i.decimals);
  const cell = (n: number | null | undefined) =>
    n === null || n === undefined ? f.missing : fmt(n);
  const csv = { href: localePath(locale, `/indikatorer/${i.slug}.csv`), label: f.downloadCsv };
  const xlsx = { href: localePath(locale, `/indikatorer/${i.slug}.xlsx`), label: f.downloadXlsx };

  const lines: LineSeries[] = [
    { label: f.total, values: series(d.observations, countyArea(), 'T'), dash: 'solid' },
  ];
  if (i.genderSplit) {
    lines.push({ label: f.women, values: series(d.observations, countyArea(), 'K'), dash: 'dash' });
    lines.push({ label: f.men, values: series(d.observations, countyArea(), 'M'), dash: 'dot' });
  }
  const years = [
    ...new Set(d.observations.filter((o) => o.placeCode === countyArea()).map((o) => o.period)),
  ].sort();
  const countyValue = (year: number, g: 'T' | 'K' | 'M') =>
    d.observations.find((o) => o.placeCode === countyArea() && o.period === year && o.gender === g)
      ?.value;
  const line = lineChart({
    id: `trend-${i.slug}`,
    title: `${f.trendChart}: ${withUnit(name, unitLabel(locale, i.unit))}`,
    desc: `${f.trendDesc(name, years[0] ?? 0, years[years.length - 1] ?? 0)}${i.genderSplit ? ` ${f.genderDesc}` : ''}`,
    series: lines,
    baseline:
      i.baselineYear !== null && i.baselineValue !== null
        ? { year: i.baselineYear, value: i.baselineValue, label: f.baseline }
        : null,
    target:
      i.targetYear !== null && i.targetValue !== null
        ? {
            year: i.targetYear,
            value: i.targetValue,
            label: i.targetIsExample ? `${f.target}*` : f.target,
          }
        : null,
    format: fmt,
    table: {
      caption: f.tableCaption(`${f.trendChart} (${unitLabel(locale, i.unit)})`),
      head: [f.year, f.total, ...(i.genderSplit ? [f.women, f.men] : [])],
      rows: years.map((y) => [
        y,
        cell(countyValue(y, 'T')),
        ...(i.genderSplit ? [cell(countyValue(y, 'K')), cell(countyValue(y, 'M'))] : []),
      ]),
    },
    csv,
    xlsx,
  });

  const year = comparisonYear(d.observations);
  if (year === null) return line;
  const valueOf = (code: string) =>
    d.observations.find((o) => o.placeCode === code && o.period === year && o.gender === 'T')
      ?.value ?? null;
  const municipalities = d.places.filter((p) => p.kind === 'kommun');
  const placeName = (p: PlaceSummary) => (sv ? p.nameSv : p.nameEn);
  const placeLink = (p: PlaceSummary) =>
    html`<a href="${localePath(locale, `/kommuner/${p.code}`)}">${placeName(p)}</a>`;
  const rows = municipalities.map((m) => [placeLink(m), cell(valueOf(m.code))]);
  const county = valueOf(countyArea());
  const country = valueOf(COUNTRY);
  const references = [
    ...(county === null ? [] : [{ label: f.county, value: county, dash: '6 3' }]),
    ...(country === null ? [] : [{ label: f.country, value: country, dash: '2 3' }]),
  ];
  const countyLink = html`<a href="${localePath(locale, `/kommuner/${countyArea()}`)}">${f.county}</a>`;
  const tableRows = [...rows, [countyLink, cell(county)], [f.country, cell(country)]];
  const bar = barChart({
    id: `kommuner-${i.slug}`,
    title: `${f.barChart(year)}: ${withUnit(name, unitLabel(locale, i.unit))}`,
    desc: f.barDesc(year),
    bars: municipalities.map((m) => ({ label: placeName(m), value: valueOf(m.code) })),
    references,
    format: fmt,
    missingLabel: f.missing,
    table: {
      caption: f.tableCaption(`${f.barChart(year)} (${unitLabel(locale, i.unit)})`),
      head: [f.municipality, f.value],
      rows: tableRows,
    },
    csv,
    xlsx,
  });
  const map = choropleth({
    id: `karta-${i.slug}`,
    title: `${f.mapChart(year)}: ${withUnit(name, unitLabel(locale, i.unit))}`,
    desc: f.mapDesc(year),
    areas: municipalities.map((m) => ({
      code: m.code,
      geometry: m.geometry,
      label: placeName(m),
      value: valueOf(m.code),
    })),
    format: fmt,
    missingLabel: f.missing,
    legendTitle: unitLabel(locale, i.unit),
    table: { sameAs: { href: `#kommuner-${i.slug}-table`, label: f.mapTableLink } },
    csv,
    xlsx,
  });
  return html`${line}${bar}${map}`;
}
