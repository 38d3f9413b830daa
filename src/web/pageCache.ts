import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';

interface Entry {
  version: string;
  etag: string;
  type: string;
  body: string;
}

export interface Rendered {
  status?: number;
  type: string;
  body: string;
  /** Set when the response must not be shared (e.g. it sets a cookie). */
  private?: boolean;
}

/**
 * Rendered public pages kept in memory. Every change to the data writes an audit event, so the
 * newest audit event id is the version of everything shown: a publish is visible at once, in
 * every process that shares the database.
 */
export class PageCache {
  private entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(
    private readonly db: Db,
    private readonly maxEntries = 1000,
  ) {}

  async dataVersion(): Promise<string> {
    const [row] = await queryRows<{ v: string | null }>(
      this.db,
      sql`select max(id)::text as v from audit_events`,
    );
    return row?.v ?? '0';
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
      entry = { version, etag, type: out.type, body: out.body };
      this.entries.set(key, entry);
      if (this.entries.size > this.maxEntries)
        this.entries.delete(this.entries.keys().next().value!);
    }
    reply.header('etag', entry.etag).header('cache-control', 'public, max-age=0, must-revalidate');
    if (req.headers['if-none-match'] === entry.etag) return reply.status(304).send();
    return reply.type(entry.type).send(entry.body);
  }
}
