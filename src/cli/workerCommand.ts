import { loadConfig } from '../config.js';
import { assertDatabaseRegion } from '../region/installation.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { startWorker } from '../jobs/worker.js';
import { createLog, logLine } from '../ops/log.js';

const usage = `riktning worker

Kör jobbkön: hämtar varje natt nya värden till alla indikatorer med källa (Kolada eller SCB;
egna indikatorer hoppas över) och kör köade jobb. Misslyckade jobb görs om med växande
väntetid. Flera arbetare kan köras samtidigt mot PostgreSQL; varje jobb körs av en av dem.
Stoppas med Ctrl+C (SIGINT) eller SIGTERM; ett pågående jobb får köra klart.`;

/** `riktning worker`: the jobs runner on its own, until a signal stops it. */
export const workerCommand = {
  summary: 'Kör jobbkön (nattlig hämtning av indikatorvärden)',
  usage,
  options: { help: { type: 'boolean', short: 'h' } as const },
  async run(): Promise<number> {
    const config = loadConfig();
    const log = createLog(config.logLevel, 'worker');
    const database = await openDatabase(config.database, logLine(log, 'pool', 'error'));
    try {
      await migrateDatabase(database);
      await assertDatabaseRegion(database);
      const worker = startWorker(database, config, { log: logLine(log, 'worker') });
      console.log('Jobbkön körs. Stoppa med Ctrl+C.');
      log.info('worker started');
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      log.info('worker stopping; the job in flight may finish');
      // A job in flight gets the time limit to finish; then the process exits anyway.
      setTimeout(() => {
        log.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown timed out; exiting');
        process.exit(1);
      }, config.shutdownTimeoutMs).unref();
      await worker.stop();
      return 0;
    } finally {
      await database.close();
    }
  },
};
