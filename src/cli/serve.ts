import { count } from 'drizzle-orm';
import type { Config } from '../config.js';
import { listenForChanges, type ChangeListener } from '../db/changeNotifications.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { strategies } from '../db/schema/index.js';
import { context, systemActor } from '../domain/context.js';
import { noteDataChanged, setChangeFeedConnected } from '../domain/dataChanges.js';
import { seedReference } from '../seed/seedReference.js';

/** Opens and migrates the database, loads reference (and first-run demo) data, and serves. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { handleSignals?: boolean } = {},
): Promise<RunningServer> {
  // The web application's modules load while the database opens (both take about a second);
  // the demo data and the jobs runner are loaded only when they are used.
  const appModule = import('../web/app.js');
  appModule.catch(() => undefined);
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    const ctx = context(database.db, systemActor('seed'));
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(strategies);
    const empty = n === 0;
    await seedReference(ctx);
    if (empty && config.demoData) {
      const { seedDemo } = await import('../seed/seedDemo.js');
      const demo = await seedDemo(ctx);
      console.log(
        `Tom databas: demodata inläst (${demo.organisations} organisationer, ${demo.initiatives} insatser).`,
      );
    }
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
  const { buildApp } = await appModule;
  const app = await buildApp({
    database,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  // Several processes on one PostgreSQL: a change committed by any of them reaches this one's
  // page cache as a notification (docs/deploy.md). The embedded database has one process.
  const changes: ChangeListener | null =
    config.database.kind === 'postgres'
      ? listenForChanges(config.database.url, {
          onChange: noteDataChanged,
          onConnected: setChangeFeedConnected,
        })
      : null;
  const worker = config.worker
    ? (await import('../jobs/worker.js')).startWorker(database, config)
    : null;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await worker?.stop();
      await changes?.stop();
      await app.close();
      await database.close();
    })();
    return closing;
  };
  if (options.handleSignals ?? true) {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        console.log(`${signal}: stänger ner …`);
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
      : 'PostgreSQL';
  const url = `http://${shownHost}:${config.port}`;
  console.log(`Riktning körs på ${url} (${where}).`);
  return { url, close };
}
