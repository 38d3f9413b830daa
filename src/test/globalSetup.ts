import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { pglite, wrapPglite, wrapPool } from '../db/client.js';
import { context, systemActor } from '../domain/context.js';
import { seedDemo } from '../seed/seedDemo.js';
import { seedReference } from '../seed/seedReference.js';
import { fixedNow } from './clock.js';

declare module 'vitest' {
  export interface ProvidedContext {
    templatePath: string;
    templateDatabase: string;
    /** The same with the demo data loaded as `seedDemo(testCtx(db))` loads it. */
    demoTemplatePath: string;
    demoTemplateDatabase: string;
  }
}

/**
 * Builds one migrated database with the reference data per run; each test file gets a copy.
 * PGlite: a data-directory dump. PostgreSQL: a template database for CREATE DATABASE … TEMPLATE.
 * A second template also holds the demo data, for the many files that read the demo portal.
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
    const demoName = `${name}_demo`;
    await admin.query(`drop database if exists ${demoName}`);
    await admin.query(`create database ${demoName} template ${name}`);
    u.pathname = `/${demoName}`;
    const demo = wrapPool(new pg.Pool({ connectionString: u.toString(), max: 2 }));
    await seedDemo(context(demo.db, systemActor('test'), fixedNow));
    await demo.close();
    project.provide('templateDatabase', name);
    project.provide('templatePath', '');
    project.provide('demoTemplateDatabase', demoName);
    project.provide('demoTemplatePath', '');
    return async () => {
      for (const db of [demoName, name])
        await admin.query(`drop database if exists ${db} with (force)`).catch(() => undefined);
      await admin.end();
    };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'riktning-test-'));
  const client = await pglite();
  const database = wrapPglite(client);
  await database.migrate();
  await seedReference(context(database.db, systemActor('seed')));
  const dump = await client.dumpDataDir('gzip');
  const file = path.join(dir, 'template.tar.gz');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await seedDemo(context(database.db, systemActor('test'), fixedNow));
  const demoDump = await client.dumpDataDir('gzip');
  await client.close();
  const demoFile = path.join(dir, 'demo-template.tar.gz');
  await writeFile(demoFile, Buffer.from(await demoDump.arrayBuffer()));
  project.provide('templatePath', file);
  project.provide('templateDatabase', '');
  project.provide('demoTemplatePath', demoFile);
  project.provide('demoTemplateDatabase', '');
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
