import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { setChangeFeedConnected } from '../domain/dataChanges.js';
import { noteDataChanged, PageCache } from './pageCache.js';

/** A stand-in database whose newest audit event id the test sets, counting version reads. */
function fakeDb() {
  const state = { version: 1, reads: 0 };
  const db = {
    execute: async () => {
      const seen = state.version;
      state.reads += 1;
      await new Promise((r) => setTimeout(r, 5));
      return { rows: [{ v: String(seen) }] };
    },
  } as unknown as Db;
  return { db, state };
}

describe('PageCache data version', () => {
  it('shares reads between requests that arrive together', async () => {
    const { db, state } = fakeDb();
    const cache = new PageCache(db);
    const versions = await Promise.all(Array.from({ length: 50 }, () => cache.dataVersion()));
    expect(new Set(versions)).toEqual(new Set(['1']));
    expect(state.reads).toBeLessThanOrEqual(2);
  });

  it('never answers a request with a read that started before it arrived', async () => {
    const { db, state } = fakeDb();
    const cache = new PageCache(db);
    const first = cache.dataVersion();
    state.version = 2; // a change committed while the first read is in flight
    const second = cache.dataVersion();
    expect(await first).toBe('1');
    expect(await second).toBe('2');
    state.version = 3;
    expect(await cache.dataVersion()).toBe('3');
  });
});

describe('PageCache with a version time-to-live', () => {
  it('reuses a read until noteDataChanged() is called', async () => {
    const { db, state } = fakeDb();
    const cache = new PageCache(db, 1000, 60_000);
    expect(await cache.dataVersion()).toBe('1');
    state.version = 2;
    expect(await cache.dataVersion()).toBe('1');
    expect(state.reads).toBe(1);
    noteDataChanged();
    expect(await cache.dataVersion()).toBe('2');
  });
});

describe('PageCache with the change feed', () => {
  it('trusts a read longer while changes of other processes arrive as notifications', async () => {
    const { db, state } = fakeDb();
    const cache = new PageCache(db, 10, 1, 60_000);
    await cache.dataVersion();
    await new Promise((r) => setTimeout(r, 10));
    await cache.dataVersion();
    expect(state.reads).toBe(2); // no feed: trusted for 1 ms only

    setChangeFeedConnected(true);
    try {
      await cache.dataVersion();
      const reads = state.reads;
      await new Promise((r) => setTimeout(r, 10));
      state.version = 2;
      expect(await cache.dataVersion()).toBe('1'); // trusted: no notification yet
      expect(state.reads).toBe(reads);
      noteDataChanged(); // a notification (or a local commit) arrives
      expect(await cache.dataVersion()).toBe('2');
    } finally {
      setChangeFeedConnected(false);
    }
  });
});
