import { SourceError, sourceHttp, type HttpOptions } from '../sourceHttp.js';
import { parseJsonStat, type JsonStatDataset } from './jsonStat.js';
import {
  parseScbMetadata,
  parseScbTable,
  parseScbTables,
  type ScbTable,
  type ScbTableMetadata,
} from './scbCatalogue.js';

/** SCB allows at most 10 calls per 10 seconds per client. */
export const SCB_RATE_LIMIT = { calls: 10, perMs: 10_000 };

/** A selection per dimension: dimension code → value codes. */
export type ScbSelection = Record<string, string[]>;

export interface ScbClient {
  /** PxWeb API v1: POST a query to the table's path, e.g. BE/BE0101/BE0101A/BefolkningNy. */
  v1(tablePath: string, selection: ScbSelection): Promise<JsonStatDataset>;
  /** PxWebApi 2.0: GET /tables/{id}/data with valueCodes per dimension. */
  v2(tableId: string, selection: ScbSelection): Promise<JsonStatDataset>;
  /** PxWebApi 2.0: the table catalogue searched by words (`/tables?query=…`), first page. */
  searchTables(query: string): Promise<{ tables: ScbTable[]; total: number }>;
  /** PxWebApi 2.0: one table as the catalogue lists it, with `discontinued` (`/tables/{id}`). */
  table(tableId: string): Promise<ScbTable>;
  /** PxWebApi 2.0: a table's variables and values (`/tables/{id}/metadata`). */
  metadata(tableId: string): Promise<ScbTableMetadata>;
  readonly requests: number;
}

export function scbClient(bases: { v1: string; v2: string }, options: HttpOptions = {}): ScbClient {
  const http = sourceHttp({
    rateLimit: SCB_RATE_LIMIT,
    allowedOrigins: [bases.v1, bases.v2],
    ...options,
  });
  const v1Base = bases.v1.replace(/\/+$/, '');
  const v2Base = bases.v2.replace(/\/+$/, '');

  async function guard<T>(
    table: string,
    call: () => Promise<unknown>,
    parse: (body: unknown) => T,
  ): Promise<T> {
    try {
      return parse(await call());
    } catch (err) {
      if (err instanceof SourceError && err.details.status === 404) {
        throw new SourceError(
          'unknown_table',
          `Tabellen ${table} finns inte hos SCB.`,
          err.details,
        );
      }
      throw err;
    }
  }

  return {
    v1: (tablePath, selection) =>
      guard(
        tablePath,
        () =>
          http.postJson(`${v1Base}/${tablePath.replace(/^\/+/, '')}`, {
            query: Object.entries(selection).map(([code, values]) => ({
              code,
              selection: { filter: 'item', values },
            })),
            response: { format: 'json-stat2' },
          }),
        parseJsonStat,
      ),
    v2: (tableId, selection) => {
      const params = new URLSearchParams({ lang: 'sv', outputFormat: 'json-stat2' });
      for (const [code, values] of Object.entries(selection)) {
        params.set(`valueCodes[${code}]`, values.join(','));
      }
      return guard(
        tableId,
        () =>
          http.getJson(`${v2Base}/tables/${encodeURIComponent(tableId)}/data?${params.toString()}`),
        parseJsonStat,
      );
    },
    searchTables: async (query) => {
      const params = new URLSearchParams({ query: query.trim(), lang: 'sv', pageSize: '50' });
      return parseScbTables(await http.getJson(`${v2Base}/tables?${params.toString()}`));
    },
    table: (tableId) =>
      guard(
        tableId,
        () => http.getJson(`${v2Base}/tables/${encodeURIComponent(tableId)}?lang=sv`),
        parseScbTable,
      ),
    metadata: (tableId) =>
      guard(
        tableId,
        () =>
          http.getJson(
            `${v2Base}/tables/${encodeURIComponent(tableId)}/metadata?lang=sv&outputFormat=json-stat2`,
          ),
        (body) => parseScbMetadata(tableId, body),
      ),
    get requests() {
      return http.requests;
    },
  };
}
