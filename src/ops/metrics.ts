import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/rows.js';

/**
 * Prometheus metrics on GET /metrics, off unless METRICS_TOKEN is set and then only for a request
 * that sends it as a bearer token. Request rates and latencies and the page cache's hits are this
 * process's; the jobs, import runs and undelivered mail are read from the database when scraped,
 * so every process reports the same totals for them; the pool's use is this process's pool.
 */
export interface MetricsOptions {
  token: string;
  database: Database;
  pageCache?: { hits: number; misses: number };
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Whether the Authorization header carries the token (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return m !== null && timingSafeEqual(digest(m[1]!), digest(token));
}

/** The route a request matched, as registered (`/insatser/:id`): bounded label values. */
const routeOf = (req: FastifyRequest) => req.routeOptions.url ?? 'unmatched';

export function registerMetrics(app: FastifyInstance, options: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'riktning_' });
  const requests = new Counter({
    name: 'riktning_http_requests_total',
    help: 'HTTP requests answered, by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'riktning_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = routeOf(req);
    requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    latency.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  const cache = options.pageCache;
  new Counter({
    name: 'riktning_page_cache_lookups_total',
    help: 'Rendered public pages looked up in the page cache, by result (hit or miss)',
    labelNames: ['result'] as const,
    registers: [registry],
    collect() {
      this.reset();
      if (!cache) return;
      this.inc({ result: 'hit' }, cache.hits);
      this.inc({ result: 'miss' }, cache.misses);
    },
  });

  const { db } = options.database;
  new Gauge({
    name: 'riktning_jobs',
    help: 'Jobs in the jobs table by kind and status (queued, running, failed, done in the last 24 h)',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await queryRows<{ kind: string; status: string; n: number }>(
        db,
        sql`select kind, status, count(*)::int as n from jobs
          where status <> 'done' or finished_at > now() - interval '24 hours'
          group by kind, status`,
      );
      this.reset();
      for (const r of rows) this.set({ kind: r.kind, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'riktning_import_runs',
    help: 'Import runs started in the last 7 days, by source and status',
    labelNames: ['source', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await queryRows<{ source: string; status: string; n: number }>(
        db,
        sql`select source, status, count(*)::int as n from import_runs
          where started_at > now() - interval '7 days' group by source, status`,
      );
      this.reset();
      for (const r of rows) this.set({ source: r.source, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'riktning_mail_undelivered',
    help: 'Mail not delivered: waiting for another attempt (queued) or given up (failed)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const rows = await queryRows<{ status: string; n: number }>(
        db,
        sql`select status, count(*)::int as n from jobs
          where kind = 'mail.send' and status in ('queued', 'failed') group by status`,
      );
      this.reset();
      this.set({ status: 'queued' }, 0);
      this.set({ status: 'failed' }, 0);
      for (const r of rows) this.set({ status: r.status }, r.n);
    },
  });
  const pool = options.database.poolStats;
  if (pool) {
    new Gauge({
      name: 'riktning_db_pool_connections',
      help: 'Connections of the PostgreSQL pool: open in total, idle, and requests waiting for one',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const p = pool();
        this.set({ state: 'total' }, p.total);
        this.set({ state: 'idle' }, p.idle);
        this.set({ state: 'waiting' }, p.waiting);
      },
    });
  }

  app.get('/metrics', async (req, reply) => {
    if (!bearerMatches(req.headers.authorization, options.token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Ange mätvärdesnyckeln (METRICS_TOKEN) som bearer-token. / Bearer token required.');
    }
    return reply
      .header('cache-control', 'no-store')
      .type(registry.contentType)
      .send(await registry.metrics());
  });
  return registry;
}
