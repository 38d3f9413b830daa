import { loadConfig } from '../config.js';
import { migrateDatabase, openDatabase } from '../db/client.js';
import { startWorker } from '../jobs/worker.js';

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
    const config = loadConfig(process.env);
    const database = await openDatabase(config.database);
    try {
      await migrateDatabase(database);
      const worker = startWorker(database, config);
      console.log('Jobbkön körs. Stoppa med Ctrl+C.');
      await new Promise<void>((resolve) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
      });
      await worker.stop();
      return 0;
    } finally {
      await database.close();
    }
  },
};
