import { count } from 'drizzle-orm';
import type { Config } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { strategies } from '../db/schema/index.js';
import { context, systemActor } from '../domain/context.js';
import { seedDemo } from '../seed/seedDemo.js';
import { seedReference } from '../seed/seedReference.js';
import { buildApp } from '../web/app.js';
import { startWorker } from '../jobs/worker.js';

/** Opens and migrates the database, loads reference (and first-run demo) data, and serves. */
export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer(
  config: Config,
  options: { handleSignals?: boolean } = {},
): Promise<RunningServer> {
  const database = await openDatabase(config.database);
  try {
    await migrateDatabase(database);
    const ctx = context(database.db, systemActor('seed'));
    const [{ n } = { n: 0 }] = await database.db.select({ n: count() }).from(strategies);
    const empty = n === 0;
    await seedReference(ctx);
    if (empty && config.demoData) {
      const demo = await seedDemo(ctx);
      console.log(
        `Tom databas: demodata inläst (${demo.organisations} organisationer, ${demo.initiatives} insatser).`,
      );
    }
  } catch (err) {
    await database.close().catch(() => undefined);
    throw err;
  }
  const app = await buildApp({
    database,
    logger: config.logLevel === 'silent' ? false : { level: config.logLevel },
  });
  const worker = config.worker ? startWorker(database, config) : null;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      await worker?.stop();
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
