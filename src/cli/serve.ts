import { count } from 'drizzle-orm';
import type { Config } from '../config.js';
import { listenForChanges, type ChangeListener } from '../db/changeNotifications.js';
import { migrateDatabase, openDatabase, openReadDatabase } from '../db/client.js';
import { strategies } from '../db/schema/index.js';
import { context, systemActor } from '../domain/context.js';
import { noteDataChanged, setChangeFeedConnected } from '../domain/dataChanges.js';
import { seedReference } from '../seed/seedReference.js';
import { activeRegion, useRegionPack } from '../region/activeRegion.js';
import { requireRegionPack } from '../region/loadPack.js';
import { seedPackIndicators } from '../region/seedPackIndicators.js';
import { createLog, logLine } from '../ops/log.js';

/** How long after the server listens its jobs runner starts (ms). */
const WORKER_START_DELAY_MS = 1_000;

/** Opens and migrates the database, loads reference (and first-run demo) data, and serves. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { handleSignals?: boolean } = {},
): Promise<RunningServer> {
  // The web application's modules load while the database opens; the demo data are loaded only
  // on a first start, and the jobs runner once the server answers.
  // A bad region pack stops the start before anything is opened or written.
  useRegionPack(requireRegionPack(config.regionDir));
  const appModule = import('../web/app.js');
  appModule.catch(() => undefined);
  const log = createLog(config.logLevel, 'serve');
  const database = await openDatabase(config.database, logLine(log, 'pool', 'error'));
  try {
    await migrateDatabase(database);
    const ctx = context(database.db, systemActor('seed'));
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(strategies);
    const empty = n === 0;
    await seedReference(ctx);
    if (empty && config.demoData && activeRegion().identity.demoData) {
      const { seedDemo } = await import('../seed/seedDemo.js');
      const demo = await seedDemo(ctx);
      console.log(
        `Tom databas: demodata inläst (${demo.organisations} organisationer, ${demo.initiatives} insatser).`,
      );
    } else if (empty) {
      await seedPackIndicators(ctx);
    }
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
  // A read replica serves the anonymous public reads once it has caught up (docs/deploy.md).
  const readDatabase = config.readDatabase
    ? await openReadDatabase(config.readDatabase).catch(async (err: unknown) => {
        await database.close().catch(() => undefined);
        throw err;
      })
    : null;
  const { buildApp } = await appModule;
  const app = await buildApp({
    database,
    readDatabase,
    log,
    requestIdHeader: config.requestIdHeader,
    metricsToken: config.metricsToken,
  });
  // Several processes on one PostgreSQL: a change committed by any of them reaches this one's
  // page cache as a notification (docs/deploy.md). The embedded database has one process.
  const changes: ChangeListener | null =
    config.database.kind === 'postgres'
      ? listenForChanges(
          config.database.url,
          { onChange: noteDataChanged, onConnected: setChangeFeedConnected },
          logLine(log, 'change-feed'),
        )
      : null;
  let worker: Promise<{ stop(): Promise<void> } | null> = Promise.resolve(null);
  let workerStart: NodeJS.Timeout | undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      clearTimeout(workerStart);
      await (await worker)?.stop();
      await changes?.stop();
      await app.close();
      await database.close();
      await readDatabase?.close();
    })();
    return closing;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        log.info({ signal }, 'shutting down');
        // Requests and a job in flight get the time limit to finish; then the process exits anyway.
        setTimeout(() => {
          log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
          process.exit(1);
        }, config.shutdownTimeoutMs).unref();
        void close().then(() => process.exit(0));
      });
    }
  }
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await close();
    throw err;
  }
  const shownHost =
    config.host === '127.0.0.1' || config.host === '0.0.0.0' ? 'localhost' : config.host;
  const where =
    config.database.kind === 'pglite'
      ? `inbäddad databas i ${config.database.dataDir}`
      : readDatabase
        ? 'PostgreSQL med läsreplik'
        : 'PostgreSQL';
  const url = `http://${shownHost}:${config.port}`;
  console.log(`Riktning körs på ${url} (${where}).`);
  log.info({ url, database: config.database.kind }, 'listening');
  // The jobs runner starts a moment after the server listens: its first round (stale jobs, the
  // schedule, interrupted imports) would otherwise queue ahead of the first pages on the embedded
  // database's one connection, and its modules load after the first page is served.
  if (config.worker) {
    workerStart = setTimeout(() => {
      worker = import('../jobs/worker.js')
        .then(({ startWorker }) =>
          closing ? null : startWorker(database, config, { log: logLine(log, 'worker') }),
        )
        .catch((err: unknown) => {
          log.error({ err }, 'the jobs worker could not start');
          return null;
        });
    }, WORKER_START_DELAY_MS);
  }
  return { url, close };
}
