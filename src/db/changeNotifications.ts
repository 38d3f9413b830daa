import pg from 'pg';

/** The channel the audit-event trigger (migration 0004) notifies at every committed change. */
export const CHANGES_CHANNEL = 'riktning_changes';

export interface ChangeListener {
  /** True while the LISTEN connection is open; a change made elsewhere then arrives at once. */
  readonly connected: boolean;
  stop(): Promise<void>;
}

/**
 * Listens on PostgreSQL for changes committed by any process (other app processes, workers,
 * command-line imports) on a connection of its own, outside the pool. A lost connection is
 * reopened with growing waits; on every (re)connect onChange is called too, because
 * notifications sent while it was away are lost.
 */
export function listenForChanges(
  url: string,
  handlers: { onChange: () => void; onConnected?: (connected: boolean) => void },
  log: (message: string) => void = (m) => console.error(m),
): ChangeListener {
  let client: pg.Client | null = null;
  let connected = false;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;
  let waitMs = 500;
  const setConnected = (value: boolean) => {
    if (connected !== value) {
      connected = value;
      handlers.onConnected?.(value);
    }
  };
  const reconnectLater = () => {
    setConnected(false);
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, waitMs);
    waitMs = Math.min(waitMs * 2, 30_000);
  };
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    client = c;
    c.on('notification', (n) => {
      if (n.channel === CHANGES_CHANNEL) handlers.onChange();
    });
    c.on('error', (err) => {
      if (!stopped) log(`Ändringsbevakningen tappade anslutningen: ${err.message}`);
      void c.end().catch(() => undefined);
      reconnectLater();
    });
    c.on('end', () => {
      if (client === c) reconnectLater();
    });
    try {
      await c.connect();
      await c.query(`listen ${CHANGES_CHANNEL}`);
      if (stopped) return void (await c.end());
      waitMs = 500;
      setConnected(true);
      handlers.onChange();
    } catch (err) {
      if (!stopped) log(`Ändringsbevakningen kunde inte ansluta: ${(err as Error).message}`);
      void c.end().catch(() => undefined);
      reconnectLater();
    }
  };
  void connect();
  return {
    get connected() {
      return connected;
    },
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      setConnected(false);
      const c = client;
      client = null;
      await c?.end().catch(() => undefined);
    },
  };
}
