import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

export type Log = Logger;

/**
 * The one structured log of a Riktning process: JSON lines on standard output (pino), the same
 * for the web server's requests, the jobs worker, the database pool and the change feed. Each
 * line names its process (`serve`, `worker`) and, below it, the component that wrote it.
 */
export function createLog(
  level: Config['logLevel'],
  processName: 'serve' | 'worker',
  destination?: DestinationStream,
): Log {
  const options = {
    level,
    base: { process: processName, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}

/** A component's plain-message logger on the shared log, for the modules that take one. */
export function logLine(log: Log, component: string, level: 'info' | 'warn' | 'error' = 'warn') {
  const child = log.child({ component });
  return (message: string) => child[level](message);
}
