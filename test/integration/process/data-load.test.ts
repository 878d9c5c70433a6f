import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../helpers/database.js';
import { type Finished, repositoryRoot, runTsx } from '../../helpers/processes.js';

/**
 * `npm run data:load` as an operator runs it, a process of its own on a data directory of its own
 * (or a fresh PostgreSQL database): the command the README shows, and what it prints when a file or
 * the database refuses the rows.
 */
const root = repositoryRoot;
let dataDir: string;
let files: string;
let database: TestDatabase | undefined;

function dataLoad(args: string[]): Promise<Finished> {
  return runTsx([path.join(root, 'scripts/data-load.ts'), ...args], {
    ...process.env,
    DATA_DIR: dataDir,
    DATABASE_URL: database?.url ?? '',
    NODE_ENV: 'development',
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(root, '.tmp', 'data-load-'));
  files = await mkdtemp(path.join(root, '.tmp', 'data-load-files-'));
  if (process.env.DATABASE_URL) {
    database = await createTestDatabase();
    await database.close();
  }
});
afterAll(async () => {
  await database?.destroy();
  await rm(dataDir, { recursive: true, force: true });
  await rm(files, { recursive: true, force: true });
});

describe('npm run data:load', () => {
  it('loads data/reference/* as the README shows, skipping the files that are not rates with a note', async () => {
    const reference = path.join(root, 'data', 'reference');
    const names = (await readdir(reference)).sort().map((name) => path.join('data', 'reference', name));
    const result = await dataLoad(names);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toContain(
      'data/reference/agencies.json: not a rate file (a list of partner agencies, loaded by npm run db:seed); skipped',
    );
    expect(lines).toContain('data/reference/rules.md: not a rate file (a Markdown document); skipped');
    expect(lines).toContain(
      'data/reference/collection-terms.json: not a rate file (the terms of customs credit and arrears, loaded by npm run db:seed); skipped',
    );
    expect(lines.filter((line) => line.endsWith('; skipped'))).toHaveLength(7);
    expect(lines).toContain('country_group_members: 38 rows loaded');
    expect(lines.some((line) => /^commodity_codes: \d+ rows loaded$/.test(line))).toBe(true);
  }, 240_000);

  it("loads the authority's four open-data files as published, saying what it leaves out", async () => {
    const names = ['customstariffstructure.json', 'landgruppe.json', 'medlemsland.json', 'ratetradeagreements.json'];
    const result = await dataLoad(names.map((name) => path.join('data', 'open-data', name)));
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'agreement code FHA (16 codes) names no country group: not loaded',
        'tariff_sections: 21 rows loaded',
        'tariff_chapters: 97 rows loaded',
        'tariff_headings: 1265 rows loaded',
        'commodity_codes: 7436 rows loaded',
        'country_groups: 148 rows loaded',
        'country_group_members: 1406 rows loaded',
        'duty_rates: 277213 rows loaded',
      ]),
    );
  }, 240_000);

  it('answers a row the database refuses with one line, without SQL, and loads nothing', async () => {
    const good = path.join(files, 'usd.json');
    await writeFile(
      good,
      JSON.stringify({
        omregningskurser: [{ valutakode: 'USD', fomdato: '2032-01-01', valutakurs: '11,11', omregningsenhet: 1 }],
      }),
    );
    // A VAT percentage the column cannot hold: every parser check passes, PostgreSQL refuses it.
    const bad = path.join(files, 'vat.json');
    await writeFile(
      bad,
      JSON.stringify({ mvasatser: [{ mvaklasse: 'general', sats: '123456', fomdato: '2032-01-01' }] }),
    );
    const result = await dataLoad([good, bad]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/rows loaded/);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toEqual([
      'data:load: vat_rates: numeric field overflow (A field with precision 7, scale 4 must round to an absolute value less than 10^3.); nothing was loaded',
    ]);

    // Nothing from the good file went in either: loading it alone reports its one row as new work.
    const alone = await dataLoad([good]);
    expect(alone.stderr).toBe('');
    expect(alone.stdout.trim()).toBe('exchange_rates: 1 rows loaded');
  }, 240_000);

  it('names a file that is not a rate file in one line and loads nothing', async () => {
    const agencies = path.join(root, 'data', 'reference', 'agencies.json');
    const groups = path.join(files, 'groups.json');
    await writeFile(groups, JSON.stringify({ TEF: [{ code: 'AT' }] }));
    const result = await dataLoad([agencies, groups]);
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(/rows loaded/);
    expect(result.stderr.trim().split('\n')).toEqual([
      `${groups}: country group TEF: member 1 is not a two-letter country code`,
      'data:load: nothing was loaded',
    ]);
  }, 240_000);
});
