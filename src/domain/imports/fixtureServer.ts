import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP server for tests that serves recorded responses of the real source shapes
 * (test/fixtures/kolada, test/fixtures/scb). Each request is passed to a handler, which answers
 * with a status, an optional fixture or body and optional headers.
 */
export interface FixtureRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

export interface FixtureReply {
  status?: number;
  fixture?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FixtureServer {
  baseUrl: string;
  requests: FixtureRequest[];
  close(): Promise<void>;
}

const fixtures = new URL('../../../test/fixtures/', import.meta.url);

export async function readFixture(name: string): Promise<string> {
  return readFile(new URL(name, fixtures), 'utf8');
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startFixtureServer(
  handler: (req: FixtureRequest) => FixtureReply | Promise<FixtureReply>,
  prefix = '',
): Promise<FixtureServer> {
  const requests: FixtureRequest[] = [];
  let baseUrl = '';
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request: FixtureRequest = {
        method: req.method ?? 'GET',
        path: decodeURIComponent(url.pathname).slice(prefix.length),
        query: url.searchParams,
        body: await readBody(req),
      };
      requests.push(request);
      try {
        const reply = await handler(request);
        const text =
          reply.fixture !== undefined
            ? (await readFixture(reply.fixture)).replaceAll('{{base}}', baseUrl)
            : reply.body === undefined
              ? ''
              : typeof reply.body === 'string'
                ? reply.body
                : JSON.stringify(reply.body);
        res.writeHead(reply.status ?? 200, {
          'content-type': 'application/json; charset=utf-8',
          ...reply.headers,
        });
        res.end(text);
      } catch (err) {
        res.writeHead(599);
        res.end(String(err));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return {
    baseUrl,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A virtual clock: sleep records what it was asked to wait and moves the clock on at once, so
 * backoff and rate limits cost no real time.
 */
export function recordingSleep(): {
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  waits: number[];
} {
  const waits: number[] = [];
  let t = 0;
  return {
    waits,
    now: () => t,
    sleep: (ms) => {
      waits.push(ms);
      t += ms;
      return Promise.resolve();
    },
  };
}

/** The sleep and clock of a fresh virtual clock, for clients whose waits a test ignores. */
export function fakeTiming(): { sleep: (ms: number) => Promise<void>; now: () => number } {
  const { sleep, now } = recordingSleep();
  return { sleep, now };
}
