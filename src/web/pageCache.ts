import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { changeFeedConnected, localDataChanges } from '../domain/dataChanges.js';

interface Entry {
  version: string;
  etag: string;
  type: string;
  /** Encoded once, so a hit sends bytes without converting the string again. */
  body: Buffer;
}

export interface Rendered {
  status?: number;
  type: string;
  body: string;
  /** Set when the response must not be shared (e.g. it sets a cookie). */
  private?: boolean;
}

export { noteDataChanged } from '../domain/dataChanges.js';

/**
 * Rendered public pages kept in memory. Every change to the data writes an audit event, so the
 * newest audit event id is the version of everything shown: a publish is visible at once, in
 * every process that shares the database.
 *
 * Each request needs a version read that started after it arrived (then it cannot miss a change
 * committed before it). Requests arriving while a read is in flight share the next read, so under
 * load the database answers about two version reads per round instead of one per request (see
 * docs/decisions/008-performance.md).
 */
export class PageCache {
  private entries = new Map<string, Entry>();
  private inFlight: Promise<string> | null = null;
  private queued: Promise<string> | null = null;
  private lastRead: { value: string; at: number; changes: number } | null = null;
  hits = 0;
  misses = 0;

  /**
   * `versionTtlMs` > 0 trusts a version read for that long unless noteDataChanged() was called
   * since; use it only when every write path in the process calls noteDataChanged() after commit.
   * While the PostgreSQL change feed is connected (changes of other processes bump the same
   * counter as they commit), a read is trusted for `feedTtlMs` instead: the limit then only
   * bounds how long a lost notification could go unseen.
   */
  constructor(
    private readonly db: Db,
    private readonly maxEntries = 1000,
    private readonly versionTtlMs = 0,
    private readonly feedTtlMs = 30_000,
  ) {}

  private trustMs(): number {
    if (this.versionTtlMs <= 0) return 0;
    return changeFeedConnected() ? Math.max(this.versionTtlMs, this.feedTtlMs) : this.versionTtlMs;
  }

  dataVersion(): Promise<string> {
    const last = this.lastRead;
    if (last && last.changes === localDataChanges() && performance.now() - last.at < this.trustMs())
      return Promise.resolve(last.value);
    if (!this.inFlight) return this.startRead();
    const ignore = () => undefined;
    this.queued ??= this.inFlight.then(ignore, ignore).then(() => {
      this.queued = null;
      return this.startRead();
    });
    return this.queued;
  }

  private startRead(): Promise<string> {
    const read = this.readVersion().finally(() => {
      if (this.inFlight === read) this.inFlight = null;
    });
    this.inFlight = read;
    return read;
  }

  private async readVersion(): Promise<string> {
    const at = performance.now();
    const changes = localDataChanges();
    const [row] = await queryRows<{ v: string | null }>(
      this.db,
      sql`select max(id)::text as v from audit_events`,
    );
    const value = row?.v ?? '0';
    if (this.versionTtlMs > 0) this.lastRead = { value, at, changes };
    return value;
  }

  async serve(
    req: FastifyRequest,
    reply: FastifyReply,
    render: () => Promise<Rendered>,
  ): Promise<FastifyReply> {
    const key = req.url;
    const version = await this.dataVersion();
    let entry = this.entries.get(key);
    if (entry && entry.version === version) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      this.misses++;
      const out = await render();
      const etag = `"${createHash('sha1').update(out.body).digest('base64url')}"`;
      if ((out.status ?? 200) !== 200 || out.private) {
        reply.header('cache-control', 'no-store');
        return reply
          .status(out.status ?? 200)
          .header('etag', etag)
          .type(out.type)
          .send(out.body);
      }
      entry = { version, etag, type: out.type, body: Buffer.from(out.body) };
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries)
        this.entries.delete(this.entries.keys().next().value!);
    }
    reply.header('etag', entry.etag).header('cache-control', 'public, max-age=0, must-revalidate');
    if (req.headers['if-none-match'] === entry.etag) return reply.status(304).send();
    return reply.type(entry.type).send(entry.body);
  }
}
