import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Db } from '../db/client.js';
import { NotFoundError } from '../domain/errors.js';
import { noteDataChanged, PageCache, ReadRouting } from './pageCache.js';

const dialect = new PgDialect();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Stand-in databases: the primary answers the data version and its newest migration, the
 * replica what it has replayed (optionally slowly, or failing). Each has a name the reads show.
 */
function databases() {
  const state = {
    primaryVersion: 5,
    replicaVersion: 5,
    replicaChecks: 0,
    replicaDelayMs: 0,
    replicaFails: false,
  };
  const primary = {
    name: 'primary',
    execute: async (query: SQL) => {
      const text = dialect.sqlToQuery(query).sql;
      return {
        rows: [text.includes('drizzle') ? { schema: '100' } : { v: String(state.primaryVersion) }],
      };
    },
  } as unknown as Db;
  const replica = {
    name: 'replica',
    execute: async () => {
      state.replicaChecks += 1;
      await sleep(state.replicaDelayMs);
      if (state.replicaFails) throw new Error('Connection terminated unexpectedly');
      return { rows: [{ version: String(state.replicaVersion), schema: '100' }] };
    },
  } as unknown as Db;
  return { primary, replica, state };
}

const nameOf = (db: Db) => (db as unknown as { name: string }).name;

function fakeReply() {
  const reply = {
    sent: false,
    statusCode: 200,
    header: () => reply,
    status: () => reply,
    type: () => reply,
    send: (body: unknown) => body,
  };
  return reply as unknown as FastifyReply;
}
const request = (url: string) => ({ url, headers: {} }) as unknown as FastifyRequest;

describe('ReadRouting', () => {
  it('uses the replica once it has replayed the version, asking it once per change', async () => {
    const { primary, replica, state } = databases();
    const cache = new PageCache(primary);
    const routing = new ReadRouting(primary, replica, () => cache.dataVersion());
    const used: string[] = [];
    for (let i = 0; i < 10; i++) {
      await routing.run(fakeReply(), async () => used.push(nameOf(routing.db)));
    }
    expect(used).toEqual(Array(10).fill('replica'));
    expect(state.replicaChecks).toBe(1);
    expect(nameOf(routing.db)).toBe('primary'); // outside a routed request

    await sleep(30); // the replica is asked at most every recheckMs (20 ms)
    state.primaryVersion = 6; // a change the replica has not replayed
    await routing.run(fakeReply(), async () => used.push(nameOf(routing.db)));
    expect(used.at(-1)).toBe('primary');
    await routing.run(fakeReply(), async () => used.push(nameOf(routing.db)));
    expect(used.at(-1)).toBe('primary');
    expect(state.replicaChecks).toBe(2); // behind, and not asked again at once
    state.replicaVersion = 6;
    await sleep(30);
    await routing.run(fakeReply(), async () => used.push(nameOf(routing.db)));
    expect(used.at(-1)).toBe('replica');
    expect(state.replicaChecks).toBe(3);
  });

  it('stores a page under the version its database was chosen for, even when the primary moves on meanwhile', async () => {
    const { primary, replica, state } = databases();
    const cache = new PageCache(primary);
    const routing = new ReadRouting(primary, replica, () => cache.dataVersion());
    const renders: string[] = [];
    const serve = () =>
      routing.run(fakeReply(), () => {
        // A change commits on the primary after the database was chosen, before the page is served.
        state.primaryVersion = 6;
        noteDataChanged();
        return cache.serve(request('/'), fakeReply(), async () => {
          renders.push(nameOf(routing.db));
          return { type: 'text/html', body: `rendered from ${nameOf(routing.db)}` };
        });
      });
    expect(await serve()).toBeDefined();
    expect(renders).toEqual(['replica']);
    // The replica page was stored under version 5, so version 6 renders again, from the primary.
    await serve();
    expect(renders).toEqual(['replica', 'primary']);
  });

  it('waits for a slow replica only briefly, then reads the primary', async () => {
    const { primary, replica, state } = databases();
    state.replicaDelayMs = 1000;
    const routing = new ReadRouting(primary, replica, async () => '5', { waitMs: 20 });
    const started = performance.now();
    const used = await routing.run(fakeReply(), async () => nameOf(routing.db));
    expect(used).toBe('primary');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('answers again from the primary when the replica fails, and leaves it alone for a while', async () => {
    const { primary, replica, state } = databases();
    const logged: string[] = [];
    const routing = new ReadRouting(primary, replica, async () => '5', {
      restMs: 200,
      log: (m) => logged.push(m),
    });
    await routing.run(fakeReply(), async () => undefined); // the replica is known to be caught up
    const tried: string[] = [];
    const read = async () => {
      tried.push(nameOf(routing.db));
      if (nameOf(routing.db) === 'replica')
        throw new Error('canceling statement due to conflict with recovery');
      return 'ok';
    };
    expect(await routing.run(fakeReply(), read)).toBe('ok');
    expect(tried).toEqual(['replica', 'primary']);
    expect(logged).toHaveLength(1);

    state.replicaFails = true;
    const checks = state.replicaChecks;
    await routing.run(fakeReply(), read);
    expect(state.replicaChecks).toBe(checks); // resting: not even asked
    await sleep(250);
    await routing.run(fakeReply(), read); // asked again; it fails, so the primary answers
    expect(state.replicaChecks).toBe(checks + 1);
    expect(tried.at(-1)).toBe('primary');
  });

  it('does not repeat a request whose failure is the request’s own', async () => {
    const { primary, replica } = databases();
    const routing = new ReadRouting(primary, replica, async () => '5');
    await routing.run(fakeReply(), async () => undefined);
    let calls = 0;
    const read = async () => {
      calls += 1;
      throw new NotFoundError('Insatsen finns inte.');
    };
    await expect(routing.run(fakeReply(), read)).rejects.toBeInstanceOf(NotFoundError);
    expect(calls).toBe(1);
  });
});
