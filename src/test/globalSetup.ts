import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { pglite, wrapPglite, wrapPool } from '../db/client.js';
import { context, systemActor } from '../domain/context.js';
import { seedReference } from '../seed/seedReference.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templatePath: string;
    templateDatabase: string;
  }
}

/**
 * Builds one migrated database with the reference data per run; each test file gets a copy.
 * PGlite: a data-directory dump. PostgreSQL: a template database for CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const backend = process.env.TEST_BACKEND ?? project.config.env?.TEST_BACKEND ?? 'pglite';
  if (backend === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE_URL is not set');
    const name = `riktning_test_template_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const pool = new pg.Pool({ connectionString: u.toString(), max: 2 });
    const database = wrapPool(pool);
    await database.migrate();
    await seedReference(context(database.db, systemActor('seed')));
    await database.close();
    project.provide('templateDatabase', name);
    project.provide('templatePath', '');
    return async () => {
      await admin.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'riktning-test-'));
  const client = await pglite();
  const database = wrapPglite(client);
  await database.migrate();
  await seedReference(context(database.db, systemActor('seed')));
  const dump = await client.dumpDataDir('gzip');
  await client.close();
  const file = path.join(dir, 'template.tar.gz');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('templatePath', file);
  project.provide('templateDatabase', '');
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
