import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cleanText,
  parseCountryGroupList,
  parseMemberCountries,
  parseTariffStructure,
  parseTradeAgreementRates,
} from '../../src/modules/rates/files/authority.js';
import { readRateFileSet } from '../../src/modules/rates/service.js';

const OPEN_DATA = path.resolve('data/open-data');
const json = async (name: string) => JSON.parse(await readFile(path.join(OPEN_DATA, name), 'utf8')) as unknown;

describe("the authority's open-data files as published", () => {
  it('reads the whole tariff: 21 sections, 97 chapters, every heading and 7,436 codes with clean texts', async () => {
    const structure = parseTariffStructure(await json('customstariffstructure.json'), '2022-01-01');
    expect(structure.sections).toHaveLength(21);
    expect(structure.chapters).toHaveLength(97);
    // 1,073 directly under their chapters and 192 under the subchapters of seven chapters (28, 29, 39, 63, 69, 71, 72).
    expect(structure.headings).toHaveLength(1265);
    expect(new Set(structure.headings.map((h) => h.id)).size).toBe(1265);
    expect(structure.codes).toHaveLength(7436);
    expect(new Set(structure.codes.map((c) => c.code)).size).toBe(7436);
    const text = (code: string) => structure.codes.find((c) => c.code === code)?.description;
    // HTML entities decoded, stray spaces gone.
    expect(text('02012004')).toBe('So-called "Pistola cuts"');
    expect(text('01012100')).toBe('Pure-bred breeding animals');
    expect(structure.chapters.find((c) => c.id === '04')?.description).toBe(
      'Dairy produce; birds` eggs; natural honey; edible products of animal origin, not elsewhere specified or included',
    );
    expect(structure.headings.find((h) => h.id === '0407')?.description).toBe(
      "Birds' eggs, in shell, fresh, preserved or cooked.",
    );
    // Headings under a subchapter belong to its chapter.
    expect(structure.headings.find((h) => h.id === '2801')?.chapterId).toBe('28');
    for (const c of structure.codes) expect(c.description).toBe(c.description.trim());
  });

  it('reads the country groups with their validity, an empty tomdato as open-ended, restriction groups kept', async () => {
    const groups = parseCountryGroupList(await json('landgruppe.json'));
    expect(groups).toHaveLength(148);
    expect(groups.find((g) => g.code === 'TALL')).toEqual({
      code: 'TALL',
      name: 'Toll fra alle land (ordinær toll)',
      preferenceCode: 'N',
      validFrom: '1990-01-01',
      validTo: null,
    });
    expect(groups.filter((g) => g.code.startsWith('R')).length).toBeGreaterThan(10);
    expect(groups.find((g) => g.code === 'RALL')?.name).toBe('Restriksjon fra alle land');
  });

  it("reads each country's memberships", async () => {
    const members = parseMemberCountries(await json('medlemsland.json'));
    expect(members).toHaveLength(1406);
    expect(members.filter((m) => m.countryCode === 'AD')).toEqual([
      { group: 'RUEO', countryCode: 'AD', validFrom: '1996-07-15', validTo: null },
      { group: 'TEF', countryCode: 'AD', validFrom: '2004-09-30', validTo: null },
      { group: 'TOES', countryCode: 'AD', validFrom: '2004-09-30', validTo: null },
      { group: 'XUEO', countryCode: 'AD', validFrom: '1998-02-15', validTo: null },
    ]);
  });

  it('reads the duty of each trade agreement: FREE as 0 %, % and pr.kg as published, NA as no row', async () => {
    const { dutyRates, unmatched } = parseTradeAgreementRates(await json('ratetradeagreements.json'), '2022-01-01');
    const of = (code: string, group: string) =>
      dutyRates.find((d) => d.commodityCode === code && d.countryGroup === group);
    expect(of('02011000', 'TGS2')).toMatchObject({ kind: 'PER_KG', value: '29.05' });
    expect(of('02013001', 'TSAC')).toMatchObject({ kind: 'PERCENT', value: '292.4' });
    expect(of('02013001', 'TGS1')).toMatchObject({ kind: 'PERCENT', value: '0' });
    // EU is NA for 02013001: the ordinary rate applies, so there is no EU row.
    expect(of('02013001', 'TEF')).toBeUndefined();
    // FHA names no country group of landgruppe.json: said, not guessed.
    expect(unmatched).toEqual({ FHA: 16 });
    expect(dutyRates).toHaveLength(277_229 - 16);
  });

  it('are each recognised by data:load and read together, with a note for what is not loaded', async () => {
    const names = ['customstariffstructure.json', 'landgruppe.json', 'medlemsland.json', 'ratetradeagreements.json'];
    const set = await readRateFileSet(names.map((name) => path.join(OPEN_DATA, name)));
    expect(set.loaded).toHaveLength(4);
    expect(set.records.tariffStructure?.codes).toHaveLength(7436);
    expect(set.records.countryGroupList).toHaveLength(148);
    expect(set.records.countryGroups).toHaveLength(1406);
    expect(set.records.dutyRates).toHaveLength(277_213);
    expect(set.records.notes).toEqual(['agreement code FHA (16 codes) names no country group: not loaded']);
  });

  it('decodes numeric, hexadecimal and named entities and collapses spaces', () => {
    expect(cleanText('  a &#34;b&#34;  &#x41; &amp;  c&#61;d &unknown; ')).toBe('a "b" A & c=d &unknown;');
  });
});
