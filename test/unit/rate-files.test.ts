import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RateFileError, readRateFileSet, readRateFiles } from '../../src/modules/rates/service.js';

/**
 * Which files data:load takes, told by their content: the shipped reference folder loads as the
 * README shows it (rate files in, the other reference files skipped with a note), and anything else
 * is refused whole with one readable line per file.
 */
const reference = path.resolve(import.meta.dirname, '../../data/reference');
let folder: string;

async function file(name: string, content: unknown): Promise<string> {
  const target = path.join(folder, name);
  await writeFile(target, typeof content === 'string' ? content : JSON.stringify(content));
  return target;
}

async function problemsOf(files: string[]): Promise<string[]> {
  const error = await readRateFileSet(files).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateFileError);
  const lines = (error as RateFileError).message.split('\n');
  for (const line of lines) {
    expect(line.length).toBeLessThan(240);
    expect(line).not.toMatch(/\binsert into\b|\bselect\b|Failed query|at .*\.ts:\d+/i);
  }
  return lines;
}

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'rate-files-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('data:load on the shipped reference folder', () => {
  it('loads every rate file in data/reference/* and skips the others with a note each', async () => {
    const names = (await readdir(reference)).sort();
    const set = await readRateFileSet(names.map((name) => path.join(reference, name)));
    expect(set.loaded.map((f) => path.basename(f)).sort()).toEqual([
      'assessment-rules.json',
      'country-groups.json',
      'exchange-rates-dev-2026.json',
      'exchange-rates-sample.json',
      'tariff-sample.csv',
    ]);
    const skipped = Object.fromEntries(set.skipped.map((s) => [path.basename(s.file), s.reason]));
    expect(Object.keys(skipped).sort()).toEqual([
      'agencies.json',
      'collection-terms.json',
      'countries.json',
      'currencies.json',
      'customs-offices.json',
      'procedure-codes.json',
      'rules.md',
    ]);
    expect(skipped['agencies.json']).toBe('not a rate file (a list of partner agencies, loaded by npm run db:seed)');
    expect(skipped['rules.md']).toBe('not a rate file (a Markdown document)');
    expect(skipped['collection-terms.json']).toBe(
      'not a rate file (the terms of customs credit and arrears, loaded by npm run db:seed)',
    );
    // The rate files' rows, and nothing from the lists: no agency became a country group.
    expect(set.records.countryGroups?.map((g) => g.group)).not.toContain('agencies');
    expect(new Set(set.records.countryGroups?.map((g) => g.group))).toEqual(new Set(['TEF', 'TEFT', 'TGS1', 'TGSP']));
    expect(set.records.exchangeRates?.length).toBeGreaterThan(0);
    expect(set.records.commodities?.length).toBeGreaterThan(0);
    expect(set.records.rules?.vatRates.length).toBeGreaterThan(0);
  });

  it('skips a folder among the files with a note', async () => {
    const sub = path.join(folder, 'open-data');
    await mkdir(sub, { recursive: true });
    const set = await readRateFileSet([sub, path.join(reference, 'country-groups.json')]);
    expect(set.skipped).toEqual([{ file: sub, reason: 'a folder, not a file' }]);
    expect(set.loaded).toHaveLength(1);
  });

  it('keeps readRateFiles strict: a list that is not rates is an error there', async () => {
    await expect(readRateFiles([path.join(reference, 'agencies.json')])).rejects.toThrow(
      /agencies\.json: not a rate file \(a list of partner agencies, loaded by npm run db:seed\)$/,
    );
  });
});

describe('files data:load refuses, one line each', () => {
  it('names the record of an authority open-data file that is not as published', async () => {
    const files = [
      await file('landgruppe.json', {
        versjon: '1.1',
        landgrupper: [{ landgruppekode: 'EU', landgruppenavn: 'EU', preferansekode: 'J', fomdato: '2000-01-01' }],
      }),
      await file('medlemsland.json', {
        versjon: '1.1',
        medlemsland: [{ landkode: 'AD', landnavn: 'Andorra', landgrupper: [{ landgruppekode: 'TEF' }] }],
      }),
      await file('customstariffstructure.json', {
        version: '1.5',
        sections: [{ type: 'section', id: '01', description: 'Live animals', chapters: [{ id: '1', divisions: [] }] }],
      }),
      await file('ratetradeagreements.json', {
        version: '1.0',
        commodities: [
          { id: '01012100', rateTradeAgreements: [{ customDuty: { value: 5, type: 'pr.l' }, landCodes: ['EU'] }] },
        ],
      }),
    ];
    expect(await problemsOf(files)).toEqual([
      `${files[1]}: medlemsland AD landgruppe 1: fomdato "" is not a date`,
      `${files[2]}: chapter "1" is not two digits`,
      `${files[3]}: commodity 01012100: duty type "pr.l" is neither % nor pr.kg`,
    ]);
  });

  it('refuses a list that only looks like country groups instead of loading it', async () => {
    const groups = await file('groups.json', { TEF: [{ code: 'AT' }], about: 'x' });
    const lowercase = await file('people.json', { people: ['Ada', 'Bob'] });
    const lines = await problemsOf([groups, lowercase]);
    expect(lines).toEqual([
      `${groups}: country group TEF: member 1 is not a two-letter country code`,
      `${lowercase}: not a rate file: "people" is not a rate list (omregningskurser, tollsatser, landgrupper, mvasatser, særavgifter, emballasjeavgifter, regler) nor a country group code`,
    ]);
  });

  it('checks the codes of a landgrupper list', async () => {
    const groups = await file('landgrupper.json', {
      landgrupper: [{ landgruppe: 'TEF', landkode: 'Austria', fomdato: '2024-01-01' }],
    });
    expect(await problemsOf([groups])).toEqual([`${groups}: landgruppe 1: landkode is not a country code`]);
  });

  it('refuses broken JSON, an unknown key beside rates, and text that is neither the tariff nor JSON', async () => {
    const broken = await file('broken.json', '{"tollsatser": [');
    const mixed = await file('mixed.json', { tollsatser: [], agencies: [] });
    const text = await file('notes.csv', 'a,b,c\n1,2,3\n');
    const lines = await problemsOf([broken, mixed, text]);
    expect(lines[0]).toMatch(/^.*broken\.json: not valid JSON \(/);
    expect(lines[1]).toBe(`${mixed}: "agencies" does not belong in a rate file`);
    expect(lines[2]).toBe(
      `${text}: not a rate file: neither JSON nor the tariff (semicolon-separated, with code and description columns)`,
    );
  });

  it('reports every bad file and loads none of the good ones', async () => {
    const good = path.join(reference, 'exchange-rates-sample.json');
    const bad = await file('bad.json', {
      tollsatser: [{ varenummer: '1', landgruppe: 'TALL', sats: '1', satstype: 'P' }],
    });
    const missing = path.join(folder, 'missing.json');
    const lines = await problemsOf([good, bad, missing]);
    expect(lines).toEqual([`${bad}: tollsats 1: varenummer must have 8 digits`, `${missing}: no such file`]);
  });
});
