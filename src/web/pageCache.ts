import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { ZodError } from 'zod';
import type { Db } from '../db/client.js';
import { queryRows } from '../db/rows.js';
import { changeFeedConnected, localDataChanges } from '../domain/dataChanges.js';
import { DomainError } from '../domain/errors.js';
import type { Locale } from './i18n/index.js';
import { renderPage, type Page } from './page.js';

/** The database and the data version a routed read request uses from its start to its end. */
interface ReadScope {
  db: Db;
  version: string;
}
const readScope = new AsyncLocalStorage<ReadScope>();

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
  private demo: { version: string; shown: Promise<boolean> } | null = null;
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
    // Inside a routed read request the version is the one its database was chosen for.
    const scoped = readScope.getStore();
    if (scoped) return Promise.resolve(scoped.version);
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

  /**
   * Whether the installation holds demo data (the layout then says so once, on every page),
   * read once per data version.
   */
  async demoShown(): Promise<boolean> {
    const version = await this.dataVersion();
    if (this.demo?.version !== version) {
      const shown = queryRows<{ shown: boolean }>(
        this.db,
        sql`select exists(select 1 from initiatives where is_demo)
          or exists(select 1 from organisations where is_demo)
          or exists(select 1 from indicators where is_demo) as shown`,
      ).then(([row]) => row?.shown === true);
      this.demo = { version, shown };
      shown.catch(() => {
        if (this.demo?.shown === shown) this.demo = null;
      });
    }
    return this.demo.shown;
  }

  /** Serves a page of the site layout through the cache (see serve). */
  servePage(
    req: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
    render: () => Promise<Page>,
  ): Promise<FastifyReply> {
    return this.serve(req, reply, async () => {
      const [page, demo] = await Promise.all([render(), this.demoShown()]);
      return {
        type: 'text/html; charset=utf-8',
        body: renderPage(locale, req.url, { ...page, demo }),
      };
    });
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

/**
 * Sends the anonymous public reads to a read replica (DATABASE_READ_URL) when it has caught up,
 * and to the primary when it has not (docs/decisions/018-read-replica.md).
 *
 * A routed request first takes the data version from the primary (the page cache's shared read)
 * and uses the replica only if the replica has replayed at least that version (its newest audit
 * event) and the primary's newest migration. The whole request, and a page it caches, then use
 * that one version, so a page is never stored under a version newer than the data it shows.
 *
 * What a replica has replayed only grows, so it is asked again only when the version moves past
 * what it last showed: one small query per change, not one per request. A request waits for that
 * answer at most `waitMs`, then reads the primary; the replica is asked at most every
 * `recheckMs`, so while it is behind most requests read the primary without waiting. A replica
 * that fails (down, a query cancelled by replay) is left alone for `restMs`, and the request
 * that met the failure is answered again from the primary.
 */
export class ReadRouting {
  /** The database for the read routes: the chosen one inside a routed request, else the primary. */
  readonly db: Db;
  private replayed = -1n;
  private schemaReplayed = false;
  private primarySchema: Promise<bigint> | null = null;
  private check: { done: Promise<void>; startedAt: number } | null = null;
  private nextCheckAt = 0;
  private warnedAt = Number.NEGATIVE_INFINITY;
  private readonly waitMs: number;
  private readonly recheckMs: number;
  private readonly restMs: number;
  private readonly log: (message: string) => void;

  constructor(
    private readonly primary: Db,
    private readonly replica: Db,
    private readonly version: () => Promise<string>,
    options: {
      waitMs?: number;
      recheckMs?: number;
      restMs?: number;
      log?: (message: string) => void;
    } = {},
  ) {
    this.db = scopedDb(primary);
    this.waitMs = options.waitMs ?? 50;
    this.recheckMs = options.recheckMs ?? 20;
    this.restMs = options.restMs ?? 1000;
    this.log = options.log ?? ((m) => console.error(m));
  }

  /** An onRoute hook: every GET and HEAD route registered after it in its scope runs routed. */
  readonly onRoute = (route: RouteOptions): void => {
    const methods = [route.method].flat();
    if (!methods.every((m) => m === 'GET' || m === 'HEAD')) return;
    const handler = route.handler;
    const run = (reply: FastifyReply, fn: () => unknown) => this.run(reply, fn);
    route.handler = function routedRead(this: FastifyInstance, req, reply) {
      return run(reply, () => handler.call(this, req, reply));
    };
  };

  /** Runs a read with the replica when it has replayed the current version, else the primary. */
  async run<T>(reply: FastifyReply, read: () => T | Promise<T>): Promise<T> {
    const version = await this.version();
    if (!(await this.replicaHas(version))) {
      return readScope.run({ db: this.primary, version }, read);
    }
    try {
      return await readScope.run({ db: this.replica, version }, read);
    } catch (err) {
      if (reply.sent || isRequestError(err)) throw err;
      this.failed(err);
      return readScope.run({ db: this.primary, version }, read);
    }
  }

  private caughtUp(wanted: bigint): boolean {
    return this.schemaReplayed && this.replayed >= wanted;
  }

  private async replicaHas(version: string): Promise<boolean> {
    const wanted = BigInt(version);
    if (this.caughtUp(wanted)) return true;
    if (performance.now() < this.nextCheckAt) return false;
    const check = (this.check ??= this.startCheck());
    const left = check.startedAt + this.waitMs - performance.now();
    if (left > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([check.done, new Promise((r) => (timer = setTimeout(r, left)))]);
      clearTimeout(timer);
    }
    return this.caughtUp(wanted);
  }

  private startCheck(): { done: Promise<void>; startedAt: number } {
    const startedAt = performance.now();
    const done = this.readReplica()
      .then(
        ({ version, schema, primarySchema }) => {
          if (version > this.replayed) this.replayed = version;
          if (schema >= primarySchema) this.schemaReplayed = true;
          // Until the next check, requests the replica has not caught up with read the primary.
          this.nextCheckAt = performance.now() + this.recheckMs;
        },
        (err: unknown) => this.failed(err),
      )
      .finally(() => {
        if (this.check?.done === done) this.check = null;
      });
    return { done, startedAt };
  }

  private async readReplica() {
    this.primarySchema ??= newestMigration(this.primary).catch((err: unknown) => {
      this.primarySchema = null;
      throw err;
    });
    const [primarySchema, [row]] = await Promise.all([
      this.primarySchema,
      queryRows<{ version: string | null; schema: string | null }>(
        this.replica,
        sql`select (select max(id) from audit_events)::text as version,
          (select max(created_at) from drizzle.__drizzle_migrations)::text as schema`,
      ),
    ]);
    return {
      version: BigInt(row?.version ?? '0'),
      schema: BigInt(row?.schema ?? '0'),
      primarySchema,
    };
  }

  /**
   * Leaves the replica alone for a while and forgets what it had replayed: when it answers again
   * it may be another server (a failover), so it is asked afresh.
   */
  private failed(err: unknown): void {
    this.replayed = -1n;
    this.schemaReplayed = false;
    const now = performance.now();
    this.nextCheckAt = now + this.restMs;
    if (now - this.warnedAt >= 60_000) {
      this.warnedAt = now;
      // The driver's own message, not the query error's, which repeats the statement and its values.
      const cause = ((err as Error).cause ?? err) as Error;
      this.log(
        `Läsrepliken svarade med ett fel (${cause.message}); läsningarna går till primären tills den svarar igen.`,
      );
    }
  }
}

/** The migration the primary was last migrated to (drizzle's journal), as its timestamp. */
async function newestMigration(db: Db): Promise<bigint> {
  const [row] = await queryRows<{ schema: string | null }>(
    db,
    sql`select max(created_at)::text as schema from drizzle.__drizzle_migrations`,
  );
  return BigInt(row?.schema ?? '0');
}

/** A failure that belongs to the request (not found, bad parameters), the same on any database. */
function isRequestError(err: unknown): boolean {
  if (err instanceof DomainError || err instanceof ZodError) return true;
  const e = err as { status?: unknown; statusCode?: unknown } | null;
  return typeof e?.status === 'number' || (typeof e?.statusCode === 'number' && e.statusCode < 500);
}

/**
 * A database handle that is the routed request's database inside one and the primary outside,
 * so the read routes take it like any `Db` and a write outside a routed request (a form post)
 * always reaches the primary.
 */
function scopedDb(primary: Db): Db {
  return new Proxy(primary, {
    get(target, property) {
      const db = readScope.getStore()?.db ?? target;
      const value: unknown = Reflect.get(db, property, db);
      return typeof value === 'function' && property !== 'constructor'
        ? (value as (...args: unknown[]) => unknown).bind(db)
        : value;
    },
  });
}
