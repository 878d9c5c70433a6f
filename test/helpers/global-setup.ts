import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/db/client.js';
import { seedReferenceData } from '../../src/seed/seed.js';
import { adminUrlFor, databaseUrlWithName } from './pg-urls.js';

/**
 * Prepares one migrated database with reference data for the whole run; every test file then
 * starts from a copy of it. Embedded: a dump of the PGlite data directory. PostgreSQL (when
 * DATABASE_URL is set): a template database that CREATE DATABASE ... TEMPLATE copies.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = `${process.pid}_${Date.now().toString(36)}`;
  const tmp = path.resolve('.tmp', `run-${runId}`);
  await mkdir(tmp, { recursive: true });
  project.provide('dataDir', tmp);

  const url = process.env.DATABASE_URL;
  if (!url) {
    const db = await openDatabase({});
    await db.migrate();
    await seedReferenceData(db.db, undefined, { tradeAgreementDuty: 'rated-codes' });
    const dump = await db.dumpDataDir?.();
    if (!dump) throw new Error('the embedded database handle cannot dump its data directory');
    const file = path.join(tmp, 'template.tar.gz');
    await writeFile(file, Buffer.from(await dump.arrayBuffer()));
    await db.close();
    project.provide('database', { kind: 'embedded', template: file });
    return async () => {
      await rm(tmp, { recursive: true, force: true });
    };
  }

  const template = `tollgate_tpl_${runId}`;
  const admin = await openDatabase({ url: adminUrlFor(url), poolSize: 1 });
  await admin.db.execute(`create database "${template}"`);
  const db = await openDatabase({ url: databaseUrlWithName(url, template), poolSize: 2 });
  await db.migrate();
  await seedReferenceData(db.db, undefined, { tradeAgreementDuty: 'rated-codes' });
  await db.close();
  project.provide('database', { kind: 'postgres', template, url });
  return async () => {
    await admin.db.execute(`drop database if exists "${template}" with (force)`);
    await admin.close();
    await rm(tmp, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    dataDir: string;
    database: { kind: 'embedded'; template: string } | { kind: 'postgres'; template: string; url: string };
  }
}
