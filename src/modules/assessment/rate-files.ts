import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseExchangeRates } from '../reference/open-data.js';
import { commoditiesFromTariff, parseTariffCsv } from '../tariff/open-data.js';
import type { RateRecords } from './load.js';
import {
  dutyRatesFromTariff,
  parseAssessmentRules,
  parseCountryGroups,
  parseDutyRates,
  RateFileError,
  researchLevyFromTariff,
} from './open-data.js';

/** Codes without dates in the tariff file start with HS2022, the nomenclature it is written in. */
export const TARIFF_DEFAULT_VALID_FROM = '2022-01-01';
/** Country group lists without dates apply from the start of the Movement of Goods Act. */
const GROUPS_DEFAULT_VALID_FROM = '2023-01-01';
/** The tariff file's country group columns, in its header. */
const TARIFF_GROUP_COLUMNS = ['TALL', 'TEF', 'TEFT', 'TGS1', 'TGS2', 'TGSP'];

function merge(into: RateRecords, from: RateRecords): void {
  for (const [key, value] of Object.entries(from) as [keyof RateRecords, unknown][]) {
    if (key === 'rules') {
      const rules = value as NonNullable<RateRecords['rules']>;
      into.rules ??= { vatRates: [], exciseRates: [], packagingRates: [], rules: [] };
      into.rules.vatRates.push(...rules.vatRates);
      into.rules.exciseRates.push(...rules.exciseRates);
      into.rules.packagingRates.push(...rules.packagingRates);
      into.rules.rules.push(...rules.rules);
    } else {
      const list = (into[key] ?? []) as unknown[];
      list.push(...(value as unknown[]));
      (into as Record<string, unknown>)[key] = list;
    }
  }
}

/** What one file holds, told by its content: the tariff (CSV), or JSON with known top-level keys. */
async function readRateFile(file: string): Promise<RateRecords> {
  const text = await readFile(file, 'utf8');
  const name = path.basename(file);
  try {
    if (file.toLowerCase().endsWith('.csv')) {
      const rows = parseTariffCsv(text);
      const groups = TARIFF_GROUP_COLUMNS.filter((g) => rows[0] && g.toLowerCase() in rows[0].cells);
      return {
        commodities: commoditiesFromTariff(rows, TARIFF_DEFAULT_VALID_FROM),
        dutyRates: dutyRatesFromTariff(rows, groups, TARIFF_DEFAULT_VALID_FROM),
        researchLevies: researchLevyFromTariff(rows, TARIFF_DEFAULT_VALID_FROM),
      };
    }
    const json = JSON.parse(text) as Record<string, unknown>;
    const records: RateRecords = {};
    if ('omregningskurser' in json) records.exchangeRates = parseExchangeRates(json);
    if ('tollsatser' in json) records.dutyRates = parseDutyRates(json);
    if ('mvasatser' in json || 'særavgifter' in json || 'emballasjeavgifter' in json || 'regler' in json) {
      records.rules = parseAssessmentRules(json);
    }
    if ('landgrupper' in json || Object.values(json).some(Array.isArray)) {
      const groups = parseCountryGroups(json, GROUPS_DEFAULT_VALID_FROM);
      if (groups.length && !records.exchangeRates && !records.dutyRates && !records.rules)
        records.countryGroups = groups;
    }
    if (Object.keys(records).length === 0)
      throw new RateFileError(
        'no rates found: expected a tariff CSV or JSON with omregningskurser, tollsatser, landgrupper, mvasatser, særavgifter, emballasjeavgifter or regler',
      );
    return records;
  } catch (error) {
    throw new RateFileError(`${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Reads and parses rate files; throws on the first bad one, before anything is loaded. */
export async function readRateFiles(files: readonly string[]): Promise<RateRecords> {
  const records: RateRecords = {};
  for (const file of files) merge(records, await readRateFile(file));
  return records;
}
