import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonDepthExceeds, parseJsonWithin, JsonTooDeepError } from './boundedJson.js';
import { SourceError, sourceHttp } from './sourceHttp.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** A source over a real socket that streams `chunk` without end (no Content-Length), counting what it sent. */
async function endlessSource(chunk: string) {
  const state = { sent: 0 };
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    const write = () => {
      while (!res.destroyed && res.write(chunk)) state.sent += chunk.length;
      if (!res.destroyed) res.once('drain', write);
    };
    res.write('[');
    write();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/data`, state };
}

const http = (maxResponseBytes?: number) =>
  sourceHttp({ retries: 0, sleep: async () => undefined, maxResponseBytes });

async function failure(p: Promise<unknown>): Promise<SourceError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof SourceError) return err;
    throw err;
  }
  throw new Error('expected a SourceError');
}

describe('source responses within bounds', () => {
  it('stops reading an endless answer at the limit, while streaming', async () => {
    const source = await endlessSource(`${'1,'.repeat(32 * 1024)}`);
    const rss = process.memoryUsage().rss;
    const err = await failure(http(4 * 1024 * 1024).getJson(source.url));
    expect(err.code).toBe('source_bad_response');
    expect(err.message).toContain('mer än 4194304 byte');
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    expect(source.state.sent).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an answer whose Content-Length is over the limit before reading it', async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '999999999' });
      res.write('[1');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect((await failure(http(1024).getJson(url))).message).toContain('mer än 1024 byte');
  });

  it('refuses JSON nested deeper than the limit, before parsing it', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const server = createServer((_req, res) => res.end(deep));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    expect((await failure(http().getJson(url))).message).toContain('djupare än 64 nivåer');
  });

  it('counts depth outside strings only', () => {
    expect(jsonDepthExceeds('{"a":"[[[[[[\\"[[["}', 2)).toBe(false);
    expect(jsonDepthExceeds('[[[1]]]', 2)).toBe(true);
    expect(() => parseJsonWithin('[[[1]]]', 2)).toThrow(JsonTooDeepError);
    fc.assert(
      fc.property(fc.json({ depthSize: 'small' }), (text) => {
        expect(parseJsonWithin(text, 1000)).toEqual(JSON.parse(text));
      }),
    );
  });
});
