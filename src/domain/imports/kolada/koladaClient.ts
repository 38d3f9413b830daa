import { SourceError, sourceHttp, type HttpOptions, type SourceHttp } from '../sourceHttp.js';
import type { ParsedRow } from '../parsedRow.js';
import { parseKoladaDataPage, parseKoladaKpiPage, type KoladaKpi } from './koladaSchema.js';

/** Kolada allows 20–25 municipality ids per data call; we stay at the lower bound. */
export const KOLADA_BATCH_SIZE = 20;
/** A guard against a server that keeps handing out next pages. */
const MAX_PAGES = 1000;

export interface KoladaBatchProgress {
  batch: number;
  batches: number;
  places: string[];
  rows: number;
  pages: number;
}

export interface KoladaClient {
  kpi(id: string): Promise<KoladaKpi>;
  /** Kolada's KPI catalogue searched by words in the title (`/kpi?title=…`), first page. */
  searchKpis(title: string): Promise<KoladaKpi[]>;
  values(
    kpi: string,
    places: string[],
    years: number[],
    onBatch?: (p: KoladaBatchProgress) => void,
  ): Promise<ParsedRow[]>;
  readonly requests: number;
}

export function koladaClient(baseUrl: string, options: HttpOptions = {}): KoladaClient {
  const base = baseUrl.replace(/\/+$/, '');
  const http: SourceHttp = sourceHttp({
    rateLimit: { calls: 5, perMs: 1000 },
    allowedOrigins: [base],
    ...options,
  });

  async function kpi(id: string): Promise<KoladaKpi> {
    const found = parseKoladaKpiPage(await http.getJson(`${base}/kpi/${encodeURIComponent(id)}`));
    const match = found.find((k) => k.id === id);
    if (!match) {
      throw new SourceError('unknown_kpi', `Nyckeltalet ${id} finns inte i Kolada.`, {
        url: `${base}/kpi/${id}`,
      });
    }
    return match;
  }

  async function values(
    kpiId: string,
    places: string[],
    years: number[],
    onBatch?: (p: KoladaBatchProgress) => void,
  ): Promise<ParsedRow[]> {
    const out: ParsedRow[] = [];
    const batches = chunk([...new Set(places)], KOLADA_BATCH_SIZE);
    const yearList = [...new Set(years)].sort((a, b) => a - b).join(',');
    for (const [i, ids] of batches.entries()) {
      let url: string | null =
        `${base}/data/kpi/${encodeURIComponent(kpiId)}/municipality/${ids.join(',')}/year/${yearList}`;
      let pages = 0;
      let rows = 0;
      const seen = new Set<string>();
      // Only the places this batch asked for: a value for another place is not the batch's.
      const asked = new Set(ids);
      while (url) {
        if (seen.has(url) || pages >= MAX_PAGES) {
          throw new SourceError(
            'source_bad_response',
            'Kolada skickar samma sida om och om igen.',
            {
              url,
            },
          );
        }
        seen.add(url);
        const page = parseKoladaDataPage(await http.getJson(url));
        pages += 1;
        for (const r of page.rows) {
          if (r.kpi !== kpiId || !asked.has(r.placeCode)) continue;
          out.push({
            placeCode: r.placeCode,
            period: r.period,
            gender: r.gender,
            value: r.value,
            status: r.status,
          });
          rows += 1;
        }
        url = page.next ? new URL(page.next, `${base}/`).toString() : null;
      }
      onBatch?.({ batch: i + 1, batches: batches.length, places: ids, rows, pages });
    }
    return out;
  }

  async function searchKpis(title: string): Promise<KoladaKpi[]> {
    return parseKoladaKpiPage(
      await http.getJson(`${base}/kpi?title=${encodeURIComponent(title.trim())}`),
    );
  }

  return {
    kpi,
    searchKpis,
    values,
    get requests() {
      return http.requests;
    },
  };
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
