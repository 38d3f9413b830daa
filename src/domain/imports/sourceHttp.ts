/**
 * The HTTP side of the statistics importers: timeouts, retries with exponential backoff on 429,
 * 5xx and network errors (honouring Retry-After), and a polite rate limit. Sleep and clock are
 * injectable so tests never wait for a real backoff.
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
}

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

  async function request(url: string, init: RequestInit): Promise<unknown> {
    for (let attempt = 0; ; attempt += 1) {
      await waitForSlot();
      requests += 1;
      let response: Response;
      try {
        response = await doFetch(url, {
          ...init,
          headers: {
            accept: 'application/json',
            'user-agent': options.userAgent ?? 'riktning (Region Kalmar län)',
            ...(init.headers as Record<string, string> | undefined),
          },
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        if (attempt < retries) {
          await sleep(backoffMs * 2 ** attempt);
          continue;
        }
        throw new SourceError(
          'source_unavailable',
          `Källan svarade inte (${(err as Error).name === 'TimeoutError' ? 'tidsgränsen passerades' : 'nätverksfel'}) efter ${attempt + 1} försök.`,
          { url },
        );
      }
      if (response.ok) {
        try {
          return await response.json();
        } catch {
          throw new SourceError('source_bad_response', 'Källan svarade med ogiltig JSON.', {
            url,
            status: response.status,
          });
        }
      }
      const retryable = response.status === 429 || response.status >= 500;
      if (retryable && attempt < retries) {
        await response.body?.cancel();
        const retryAfter = parseRetryAfter(response.headers.get('retry-after'), now());
        await sleep(Math.max(retryAfter ?? 0, backoffMs * 2 ** attempt));
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
