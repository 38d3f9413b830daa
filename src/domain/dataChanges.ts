/**
 * A process-local count of committed changes. Every command commits through `inTransaction`,
 * which bumps it, so caches in this process see a change at once. On PostgreSQL the server also
 * listens for the notification every committed audit event sends (src/db/changeNotifications.ts)
 * and bumps it for changes made by other processes; while that feed is connected, caches may
 * trust what they read for longer.
 */
let changes = 0;
let feedConnected = false;

export function noteDataChanged(): void {
  changes++;
}

export function localDataChanges(): number {
  return changes;
}

/** Set by the change listener: true while changes of other processes arrive as they commit. */
export function setChangeFeedConnected(connected: boolean): void {
  feedConnected = connected;
  changes++;
}

export function changeFeedConnected(): boolean {
  return feedConnected;
}
