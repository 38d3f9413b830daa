import { describe, expect, it } from 'vitest';
import { htmlValidator } from '../../test/html.js';
import { html } from '../html.js';
import { comparisonRows, countyComparison, countyComparisonExamples } from './countyComparison.js';

describe('county comparison', () => {
  const example = countyComparisonExamples.ranked!;

  it('shows every län with the own county highlighted and its place, and the county against riket', async () => {
    const out = countyComparison(example.locale, example).toString();
    expect(out).toContain('plats 2 av 4');
    expect(out.match(/font-weight="bold"/g)).toHaveLength(1);
    expect(out).toContain('Uppsala län');
    expect(out.match(/role="img"/g)).toHaveLength(2);
    expect(out).toContain('href="/indikatorer/exempel/jamforelse.csv"');
    const en = countyComparison('en', example).toString();
    expect(en).toContain('rank 2 of 4');
    const page = `<!doctype html><html lang="sv"><head><title>t</title></head><body><main>${out}</main></body></html>`;
    const report = await htmlValidator.validateString(page);
    expect(report.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual([]);
  });

  it('draws nothing without other län', () => {
    const own = example.observations.filter(
      (o) => o.placeCode === '0008' || o.placeCode === '0000',
    );
    expect(countyComparison('sv', { ...example, observations: own })).toEqual(html``);
  });

  it('lists every län and riket each year in the download, places in the ranked year', () => {
    const rows = comparisonRows(example.observations, 'higher');
    expect(rows.filter((r) => r.year === 2023).map((r) => [r.code, r.rank])).toEqual([
      ['0009', 1],
      ['0008', 2],
      ['0003', 3],
      ['0001', 4],
      ['0000', null],
    ]);
  });
});
