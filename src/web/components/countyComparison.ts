import { unitLabel } from '../i18n/units.js';
import { countyRanking, isCountyCode } from '../../domain/followup/countyRanking.js';
import { withUnit } from './charts/unitTitle.js';
import { COUNTRY, series, type ObservationPoint } from '../../domain/followup/indicatorStatus.js';
import { regionIdentity } from '../../region/activeRegion.js';
import { counties } from '../../region/referenceGeo.js';
import { html, type SafeHtml } from '../html.js';
import { comparisonMessages } from '../i18n/comparison.en.js';
import { localePath, type Locale } from '../i18n/index.js';
import { formatValue } from '../public/followupParts.js';
import { barChart } from './charts/barChart.js';
import { lineChart } from './charts/lineChart.js';

export interface CountyComparisonParams {
  indicator: {
    slug: string;
    nameSv: string;
    nameEn: string;
    unit: string;
    decimals: number;
    direction: 'higher' | 'lower';
  };
  /** The indicator's observations: the own county, riket and any other län imported. */
  observations: ObservationPoint[];
}

/** The name of a län by its Kolada area code, from the reference data ("Uppsala"). */
export function countyName(code: string, locale: Locale): string {
  const own = regionIdentity();
  if (code === own.koladaId) return locale === 'sv' ? own.countySv : own.countyEn;
  const c = counties().find((x) => `00${x.code}` === code);
  if (!c) return code;
  return locale === 'sv' ? c.name : `${c.shortName} County`;
}

/** The address of the comparison table's download. */
export const comparisonCsvPath = (locale: Locale, slug: string) =>
  localePath(locale, `/indikatorer/${slug}/jamforelse.csv`);

/**
 * The own county among all län with a value (bars, the own one highlighted, its place
 * "plats 7 av 21") and against riket over time, each chart with its table and the comparison
 * download. Empty when no other län has values (nothing is drawn that the data do not hold).
 */
export function countyComparison(locale: Locale, p: CountyComparisonParams): SafeHtml {
  const c = comparisonMessages(locale);
  const i = p.indicator;
  const own = regionIdentity().koladaId;
  const ranking = countyRanking(p.observations, own, i.direction);
  if (!ranking?.own) return html``;
  const name = locale === 'sv' ? i.nameSv : i.nameEn;
  const fmt = (n: number) => formatValue(locale, n, i.decimals);
  const csv = { href: comparisonCsvPath(locale, i.slug), label: c.download };
  const ownName = countyName(own, locale);
  const of = ranking.counties.length;
  const bars = barChart({
    id: `lan-${i.slug}`,
    title: `${c.lanChart(ranking.year)}: ${withUnit(name, unitLabel(locale, i.unit))}`,
    desc: c.lanDesc(of, ranking.year, ownName),
    bars: ranking.counties.map((r) => ({
      label: countyName(r.code, locale).replace(/ län$| County$/, ''),
      value: r.value,
      highlight: r.code === own,
    })),
    references:
      ranking.country === null ? [] : [{ label: c.country, value: ranking.country, dash: '2 3' }],
    format: fmt,
    missingLabel: c.missing,
    table: {
      caption: c.tableCaption(`${c.lanChart(ranking.year)} (${unitLabel(locale, i.unit)})`),
      head: [c.place, c.county, c.value],
      rows: [
        ...ranking.counties.map((r) => [r.rank, countyName(r.code, locale), fmt(r.value)]),
        ...(ranking.country === null ? [] : [['', c.country, fmt(ranking.country)]]),
      ],
    },
    csv,
  });
  const countySeries = series(p.observations, own, 'T');
  const countrySeries = series(p.observations, COUNTRY, 'T');
  const years = [...new Set([...countySeries, ...countrySeries].map((v) => v.year))].sort();
  const at = (list: { year: number; value: number }[], y: number) => {
    const v = list.find((x) => x.year === y)?.value;
    return v === undefined ? c.missing : fmt(v);
  };
  const trend =
    countrySeries.length === 0
      ? html``
      : lineChart({
          id: `lan-riket-${i.slug}`,
          title: `${c.trendChart}: ${withUnit(name, unitLabel(locale, i.unit))}`,
          desc: c.trendDesc(years[0] ?? 0, years[years.length - 1] ?? 0),
          series: [
            { label: ownName, values: countySeries, dash: 'solid' },
            { label: c.country, values: countrySeries, dash: 'dash' },
          ],
          baseline: null,
          target: null,
          format: fmt,
          table: {
            caption: c.tableCaption(`${c.trendChart} (${unitLabel(locale, i.unit)})`),
            head: [c.year, ownName, c.country],
            rows: years.map((y) => [y, at(countySeries, y), at(countrySeries, y)]),
          },
          csv,
        });
  return html`<section aria-labelledby="jamforelse-${i.slug}" class="charts comparison">
<h2 id="jamforelse-${i.slug}">${c.heading}</h2>
<p><strong class="rank">${c.rank(ranking.own.rank, of)}</strong> – ${c.rankLead(ownName, ranking.own.rank, of, ranking.year, i.direction === 'higher')}</p>
${bars}
${trend}
</section>`;
}

/** The comparison table behind the download: every län and riket, every year with a value. */
export function comparisonRows(
  observations: ObservationPoint[],
  direction: 'higher' | 'lower',
): { code: string; name: string; year: number; value: number; rank: number | null }[] {
  const own = regionIdentity().koladaId;
  const totals = observations.filter(
    (o) =>
      o.gender === 'T' &&
      o.value !== null &&
      (isCountyCode(o.placeCode) || o.placeCode === COUNTRY),
  );
  const years = [...new Set(totals.map((o) => o.period))].sort();
  return years.flatMap((year) => {
    const inYear = totals.filter((o) => o.period === year);
    const ranked = countyRanking(inYear, own, direction);
    return inYear
      .map((o) => ({
        code: o.placeCode,
        name: o.placeCode === COUNTRY ? 'Riket' : countyName(o.placeCode, 'sv'),
        year,
        value: o.value!,
        rank:
          ranked && ranked.year === year
            ? (ranked.counties.find((r) => r.code === o.placeCode)?.rank ?? null)
            : null,
      }))
      .sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99) || a.code.localeCompare(b.code));
  });
}

export const countyComparisonExamples: Record<string, { locale: Locale } & CountyComparisonParams> =
  {
    ranked: {
      locale: 'sv',
      indicator: {
        slug: 'exempel',
        nameSv: 'Förvärvsarbetande invånare 20–64 år, andel (%)',
        nameEn: 'Gainfully employed residents aged 20–64, share (%)',
        unit: '%',
        decimals: 1,
        direction: 'higher',
      },
      observations: ['0001', '0003', '0008', '0009', '0000'].flatMap((code, n) =>
        [2022, 2023].map((period) => ({
          placeCode: code,
          period,
          gender: 'T' as const,
          value: 78 + n + (period - 2022) * 0.5,
          status: '',
        })),
      ),
    },
  };
