/**
 * A process-local count of committed changes. Every command commits through `inTransaction`,
 * which bumps it, so caches in this process see a change at once; other processes see it
 * through the audit-event version within the cache's time limit.
 */
let changes = 0;

export function noteDataChanged(): void {
  changes++;
}

export function localDataChanges(): number {
  return changes;
}
