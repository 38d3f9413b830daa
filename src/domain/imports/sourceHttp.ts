import { regionIdentity } from '../../region/activeRegion.js';
import {
  BodyTooLargeError,
  JsonTooDeepError,
  MAX_SOURCE_JSON_DEPTH,
  MAX_SOURCE_RESPONSE_BYTES,
  parseJsonWithin,
  readBodyWithin,
} from './boundedJson.js';

/**
 * The HTTP side of the statistics importers: timeouts, retries with exponential backoff on 429,
 * 5xx and network errors (honouring Retry-After), and a polite rate limit. Only the configured
 * origins are called and redirects are followed by hand within the same origin, so a response
 * cannot steer a request to another host (SSRF). Bodies are read within a size limit and JSON
 * within a nesting depth (boundedJson.ts). Sleep and clock are injectable so tests never
 * wait for a real backoff.
 */

export type SourceErrorCode =
  | 'source_unavailable'
  | 'source_http_error'
  | 'source_bad_response'
  | 'unknown_kpi'
  | 'unknown_table';

/** A failure talking to an outside source; `code` is stable, the message is Swedish. */
export class SourceError extends Error {
  constructor(
    readonly code: SourceErrorCode,
    message: string,
    readonly details: { url?: string; status?: number } = {},
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface HttpOptions {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  /** Attempts after the first one. */
  retries?: number;
  /** First backoff; doubled for every attempt. */
  backoffMs?: number;
  timeoutMs?: number;
  /** At most `rateLimit.calls` requests within `rateLimit.perMs`. */
  rateLimit?: { calls: number; perMs: number };
  userAgent?: string;
  /**
   * The origins (scheme, host, port) requests may go to: the configured base URLs. A URL from
   * elsewhere — a next-page link in a response, say — is refused before anything is sent.
   * Without it, each request may only go to its own origin.
   */
  allowedOrigins?: string[];
  /** The largest body read (default MAX_SOURCE_RESPONSE_BYTES); enforced while streaming. */
  maxResponseBytes?: number;
  /** The deepest JSON nesting accepted (default MAX_SOURCE_JSON_DEPTH). */
  maxJsonDepth?: number;
}

/** Redirects are followed by hand, within the same origin only, at most this many in a row. */
const MAX_REDIRECTS = 5;

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface SourceHttp {
  getJson(url: string): Promise<unknown>;
  postJson(url: string, body: unknown): Promise<unknown>;
  /** Requests actually sent, retries included. */
  readonly requests: number;
}

export function sourceHttp(options: HttpOptions = {}): SourceHttp {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const retries = options.retries ?? 4;
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const rate = options.rateLimit ?? { calls: 5, perMs: 1000 };
  const maxBytes = options.maxResponseBytes ?? MAX_SOURCE_RESPONSE_BYTES;
  const maxDepth = options.maxJsonDepth ?? MAX_SOURCE_JSON_DEPTH;
  const sent: number[] = [];
  let requests = 0;

  async function waitForSlot(): Promise<void> {
    for (;;) {
      const t = now();
      while (sent.length > 0 && sent[0]! <= t - rate.perMs) sent.shift();
      if (sent.length < rate.calls) {
        sent.push(t);
        return;
      }
      await sleep(sent[0]! + rate.perMs - t);
    }
  }

  /** The URL, if it may be fetched: http(s), and one of the allowed origins. */
  function allowed(url: string, origin?: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new SourceError('source_bad_response', 'Källan gav en ogiltig adress.', { url });
    }
    const origins = options.allowedOrigins?.map((o) => new URL(o).origin) ?? [
      origin ?? parsed.origin,
    ];
    if (!/^https?:$/.test(parsed.protocol) || !origins.includes(parsed.origin)) {
      throw new SourceError(
        'source_bad_response',
        `Adressen ${parsed.host} är inte en konfigurerad källa; inget anrop gjordes.`,
        { url },
      );
    }
    return parsed;
  }

  async function readJson(response: Response, url: string): Promise<unknown> {
    const details = { url, status: response.status };
    let text: string;
    try {
      text = await readBodyWithin(response, maxBytes);
    } catch (err) {
      if (err instanceof BodyTooLargeError) {
        throw new SourceError(
          'source_bad_response',
          `Källan svarade med mer än ${maxBytes} byte; svaret lästes inte.`,
          details,
        );
      }
      throw new SourceError('source_unavailable', 'Källans svar avbröts under läsningen.', details);
    }
    try {
      return parseJsonWithin(text, maxDepth);
    } catch (err) {
      if (err instanceof JsonTooDeepError) {
        throw new SourceError(
          'source_bad_response',
          `Källans JSON är nästlad djupare än ${maxDepth} nivåer; svaret lästes inte.`,
          details,
        );
      }
      throw new SourceError('source_bad_response', 'Källan svarade med ogiltig JSON.', details);
    }
  }

  async function request(url: string, init: RequestInit): Promise<unknown> {
    const first = allowed(url);
    let target = first.toString();
    let current = init;
    let redirects = 0;
    for (let attempt = 0; ; ) {
      await waitForSlot();
      requests += 1;
      let response: Response;
      try {
        response = await doFetch(target, {
          ...current,
          redirect: 'manual',
          headers: {
            accept: 'application/json',
            'user-agent': options.userAgent ?? `riktning (${regionIdentity().nameSv})`,
            ...(current.headers as Record<string, string> | undefined),
          },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        if (attempt < retries) {
          await sleep(backoffMs * 2 ** attempt);
          attempt += 1;
          continue;
        }
        throw new SourceError(
          'source_unavailable',
          `Källan svarade inte (${(err as Error).name === 'TimeoutError' ? 'tidsgränsen passerades' : 'nätverksfel'}) efter ${attempt + 1} försök.`,
          { url },
        );
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel().catch(() => undefined);
        // Only within the origin asked: never to another host, such as a private address.
        const next = new URL(location, target).toString();
        if (redirects >= MAX_REDIRECTS) {
          throw new SourceError('source_bad_response', 'Källan skickade vidare för många gånger.', {
            url,
            status: response.status,
          });
        }
        try {
          allowed(next, first.origin);
        } catch {
          throw new SourceError(
            'source_bad_response',
            `Källan skickade vidare till en annan värd (${new URL(next).host}); det följs inte.`,
            { url, status: response.status },
          );
        }
        redirects += 1;
        target = next;
        if (response.status !== 307 && response.status !== 308) current = { method: 'GET' };
        continue;
      }
      if (response.ok) return readJson(response, url);
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < retries) {
        await response.body?.cancel();
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        await sleep(Math.max(retryAfter ?? 0, backoffMs * 2 ** attempt));
        attempt += 1;
        continue;
      }
      await response.body?.cancel().catch(() => undefined);
      throw new SourceError(
        'source_http_error',
        `Källan svarade med HTTP ${response.status}${retryable ? ` efter ${attempt + 1} försök` : ''}.`,
        { url, status: response.status },
      );
    }
  }

  return {
    getJson: (url) => request(url, { method: 'GET' }),
    postJson: (url, body) =>
      request(url, {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      }),
    get requests() {
      return requests;
    },
  };
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now; capped at five minutes. */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 300_000);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(date - nowMs, 0), 300_000);
}
