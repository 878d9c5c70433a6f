import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { RateRecords } from '../load.js';
import {
  parseCountryGroupList,
  parseMemberCountries,
  parseTariffStructure,
  parseTradeAgreementRates,
} from './authority.js';
import { parseExchangeRates } from './exchange-rates.js';
import { type AuthorityFile, type FileKind, RATE_KEYS, recogniseFile } from './file-kinds.js';
import {
  dutyRatesFromTariff,
  parseAssessmentRules,
  parseCountryGroups,
  parseDutyRates,
  RateFileError,
  researchLevyFromTariff,
} from './rate-json.js';
import { commoditiesFromTariff, parseTariffCsv } from './tariff-csv.js';

/** Codes without dates in the tariff file start with HS2022, the nomenclature it is written in. */
export const TARIFF_DEFAULT_VALID_FROM = '2022-01-01';
/** Country group lists without dates apply from the start of the Movement of Goods Act. */
const GROUPS_DEFAULT_VALID_FROM = '2023-01-01';
/** The tariff file's country group columns, in its header. */
const TARIFF_GROUP_COLUMNS = ['TALL', 'TEF', 'TEFT', 'TGS1', 'TGS2', 'TGSP'];

function merge(into: RateRecords, from: RateRecords): void {
  for (const [key, value] of Object.entries(from) as [keyof RateRecords, unknown][]) {
    if (key === 'tariffStructure') {
      const structure = value as NonNullable<RateRecords['tariffStructure']>;
      into.tariffStructure ??= { sections: [], chapters: [], headings: [], codes: [] };
      into.tariffStructure.sections.push(...structure.sections);
      into.tariffStructure.chapters.push(...structure.chapters);
      into.tariffStructure.headings.push(...structure.headings);
      into.tariffStructure.codes.push(...structure.codes);
    } else if (key === 'rules') {
      const rules = value as NonNullable<RateRecords['rules']>;
      into.rules ??= { vatRates: [], exciseRates: [], packagingRates: [], rules: [] };
      into.rules.vatRates.push(...rules.vatRates);
      into.rules.exciseRates.push(...rules.exciseRates);
      into.rules.packagingRates.push(...rules.packagingRates);
      into.rules.rules.push(...rules.rules);
    } else {
      // concat, not push(...): the trade-agreement file has more rows than a call takes arguments.
      (into as Record<string, unknown>)[key] = ((into[key] ?? []) as unknown[]).concat(value as unknown[]);
    }
  }
}

/** The rows of a file already recognised as rates (see file-kinds.ts). */
function parseRateFile(kind: FileKind & { kind: 'tariff' | 'rates' | 'authority' }, text: string): RateRecords {
  if (kind.kind === 'authority') return parseAuthorityFile(kind.file, kind.json);
  if (kind.kind === 'tariff') {
    const rows = parseTariffCsv(text);
    const groups = TARIFF_GROUP_COLUMNS.filter((g) => rows[0] && g.toLowerCase() in rows[0].cells);
    return {
      commodities: commoditiesFromTariff(rows, TARIFF_DEFAULT_VALID_FROM),
      dutyRates: dutyRatesFromTariff(rows, groups, TARIFF_DEFAULT_VALID_FROM),
      researchLevies: researchLevyFromTariff(rows, TARIFF_DEFAULT_VALID_FROM),
    };
  }
  const json = kind.json as Record<string, unknown>;
  const records: RateRecords = {};
  if (Array.isArray(json) || 'omregningskurser' in json) records.exchangeRates = parseExchangeRates(json);
  if ('tollsatser' in json) records.dutyRates = parseDutyRates(json);
  if ('mvasatser' in json || 'særavgifter' in json || 'emballasjeavgifter' in json || 'regler' in json) {
    records.rules = parseAssessmentRules(json);
  }
  const rateLists = Object.keys(json).filter((key) => (RATE_KEYS as readonly string[]).includes(key));
  if ('landgrupper' in json || rateLists.length === 0) {
    records.countryGroups = parseCountryGroups(json, GROUPS_DEFAULT_VALID_FROM);
  }
  return records;
}

/** One of the authority's open-data files; the undated ones apply from the tariff's start. */
function parseAuthorityFile(file: AuthorityFile, json: unknown): RateRecords {
  if (file === 'tariff-structure') return { tariffStructure: parseTariffStructure(json, TARIFF_DEFAULT_VALID_FROM) };
  if (file === 'country-groups') return { countryGroupList: parseCountryGroupList(json) };
  if (file === 'member-countries') return { countryGroups: parseMemberCountries(json) };
  const { dutyRates, unmatched } = parseTradeAgreementRates(json, TARIFF_DEFAULT_VALID_FROM);
  const notes = Object.entries(unmatched).map(
    ([agreement, codes]) => `agreement code ${agreement} (${codes} codes) names no country group: not loaded`,
  );
  return { dutyRates, notes };
}

/** What one file is and, for a rate file, its rows; a problem is one line naming the file. */
async function readOne(file: string): Promise<{ records?: RateRecords; skip?: string; problem?: string }> {
  let text: string;
  try {
    if ((await stat(file)).isDirectory()) return { skip: 'a folder, not a file' };
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? 'error'})` };
  }
  const kind = recogniseFile(path.basename(file), text);
  if (kind.kind === 'skip') return { skip: kind.reason };
  if (kind.kind === 'refuse') return { problem: kind.reason };
  try {
    return { records: parseRateFile(kind, text) };
  } catch (error) {
    return { problem: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

export interface RateFileSet {
  readonly records: RateRecords;
  /** The files whose rows are in `records`. */
  readonly loaded: string[];
  /** Files that hold no rates by design (reference lists, documents, folders), with the reason. */
  readonly skipped: { file: string; reason: string }[];
}

/**
 * Reads the files given to data:load: rate files are parsed, files that are not rates by design
 * are skipped with the reason, and anything else (a bad rate, an unknown shape, a file the loader
 * does not support yet) refuses the whole set: the RateFileError holds one line per bad file, so
 * that one run reports them all and nothing is loaded.
 */
export async function readRateFileSet(files: readonly string[]): Promise<RateFileSet> {
  const records: RateRecords = {};
  const loaded: string[] = [];
  const skipped: { file: string; reason: string }[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const one = await readOne(file);
    if (one.problem) problems.push(`${file}: ${one.problem}`);
    else if (one.skip) skipped.push({ file, reason: one.skip });
    else if (one.records) {
      merge(records, one.records);
      loaded.push(file);
    }
  }
  if (problems.length) throw new RateFileError(problems.join('\n'));
  return { records, loaded, skipped };
}

/** Reads and parses rate files that must all be rates (a skipped file is an error here); nothing on the first bad one. */
export async function readRateFiles(files: readonly string[]): Promise<RateRecords> {
  const set = await readRateFileSet(files);
  if (set.skipped.length) throw new RateFileError(set.skipped.map((s) => `${s.file}: ${s.reason}`).join('\n'));
  return set.records;
}
