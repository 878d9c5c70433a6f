import { isIsoDate } from '../../../shared/clock.js';
import { parseOpenDataDecimal } from '../../../shared/decimal.js';
import type { TariffRow } from './tariff-csv.js';

/**
 * Parsers of assessment rates in the shape of the authority's open data: validity windows as
 * fomdato/tomdato, comma decimals ("12,50"), and an `øresats` flag on rates given in øre (divided
 * by 100 here). Each returns rows ready to load, or throws naming the first bad record, so a bad
 * file loads nothing.
 */

export class RateFileError extends Error {}

type Json = Record<string, unknown>;

interface Window {
  validFrom: string;
  validTo: string | null;
}

function windowOf(entry: Json, where: string, defaultFrom?: string): Window {
  const from = entry.fomdato ?? defaultFrom;
  if (typeof from !== 'string' || !isIsoDate(from.slice(0, 10)))
    throw new RateFileError(`${where}: fomdato is not a date`);
  const to = entry.tomdato;
  if (to !== undefined && to !== null && to !== '' && (typeof to !== 'string' || !isIsoDate(to.slice(0, 10)))) {
    throw new RateFileError(`${where}: tomdato is not a date`);
  }
  const validTo = typeof to === 'string' && to !== '' ? to.slice(0, 10) : null;
  const validFrom = from.slice(0, 10);
  if (validTo !== null && validTo < validFrom) throw new RateFileError(`${where}: tomdato is before fomdato`);
  return { validFrom, validTo };
}

/** A rate as canonical decimal text; `øresats` means the figure is in øre. */
function rate(value: unknown, where: string, inOre = false): string {
  const parsed = parseOpenDataDecimal(String(value ?? ''));
  if (!parsed || parsed.isNegative()) throw new RateFileError(`${where}: "${String(value)}" is not a rate`);
  return (inOre ? parsed.div(100) : parsed).toFixed();
}

function optionalRate(value: unknown, where: string): string | null {
  return value === null || value === undefined || value === '' ? null : rate(value, where);
}

function list(json: unknown, key: string): Json[] {
  const value = (json as Json)[key];
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new RateFileError(`"${key}" must be a list`);
  return value as Json[];
}

const DUTY_KINDS: Record<string, 'PERCENT' | 'PER_KG' | 'PER_LITRE' | 'PER_PIECE'> = {
  P: 'PERCENT',
  K: 'PER_KG',
  L: 'PER_LITRE',
  S: 'PER_PIECE',
};

export interface DutyRateRecord extends Window {
  commodityCode: string;
  countryGroup: string;
  kind: 'PERCENT' | 'PER_KG' | 'PER_LITRE' | 'PER_PIECE';
  value: string;
}

/** `{ tollsatser: [{ varenummer, landgruppe, sats, satstype (P|K|L|S), øresats, fomdato, tomdato }] }` */
export function parseDutyRates(json: unknown): DutyRateRecord[] {
  return list(json, 'tollsatser').map((entry, i) => {
    const where = `tollsats ${i + 1}`;
    const code = String(entry.varenummer ?? '').replace('.', '');
    if (!/^\d{8}$/.test(code)) throw new RateFileError(`${where}: varenummer must have 8 digits`);
    const kind = DUTY_KINDS[String(entry.satstype ?? '').toUpperCase()];
    if (!kind) throw new RateFileError(`${where}: satstype must be P, K, L or S`);
    const group = String(entry.landgruppe ?? '').toUpperCase();
    if (!/^[A-Z0-9]{2,8}$/.test(group)) throw new RateFileError(`${where}: landgruppe is missing`);
    return {
      commodityCode: code,
      countryGroup: group,
      kind,
      value: rate(entry.sats, where, entry.øresats === true),
      ...windowOf(entry, where),
    };
  });
}

/** Duty columns of the tariff file: "277 P", "12,50 K"; an empty cell means the ordinary (TALL) rate applies. */
export function dutyRatesFromTariff(
  rows: readonly TariffRow[],
  groups: readonly string[],
  defaultFrom: string,
): DutyRateRecord[] {
  const records: DutyRateRecord[] = [];
  for (const { line, cells } of rows) {
    const code = (cells.code ?? '').replace('.', '');
    for (const group of groups) {
      const cell = cells[group.toLowerCase()];
      if (!cell) continue;
      const [value, unit] = cell.split(/\s+/);
      const kind = DUTY_KINDS[(unit ?? '').toUpperCase()];
      if (!kind) throw new RateFileError(`tariff line ${line}: "${cell}" in ${group} needs a unit P, K, L or S`);
      records.push({
        commodityCode: code,
        countryGroup: group,
        kind,
        value: rate(value, `tariff line ${line} ${group}`),
        validFrom: cells.fomdato || defaultFrom,
        validTo: cells.tomdato || null,
      });
    }
  }
  return records;
}

export interface ResearchLevyRecord extends Window {
  codePrefix: string;
  percent: string;
}

/** The research levy column of the tariff file ("0.20 P"). */
export function researchLevyFromTariff(rows: readonly TariffRow[], defaultFrom: string): ResearchLevyRecord[] {
  return rows
    .filter(({ cells }) => cells.research_levy)
    .map(({ line, cells }) => ({
      codePrefix: (cells.code ?? '').replace('.', ''),
      percent: rate((cells.research_levy ?? '').split(/\s+/)[0], `tariff line ${line} research_levy`),
      validFrom: cells.fomdato || defaultFrom,
      validTo: cells.tomdato || null,
    }));
}

export interface CountryGroupRecord extends Window {
  group: string;
  countryCode: string;
}

/**
 * `{ landgrupper: [{ landgruppe, landkode, fomdato, tomdato }] }`, or the development file's
 * `{ "TEF": ["AT", ...], ... }` (members from `defaultFrom`).
 */
export function parseCountryGroups(json: unknown, defaultFrom: string): CountryGroupRecord[] {
  const entries = list(json, 'landgrupper');
  if (entries.length) {
    return entries.map((entry, i) => {
      const where = `landgruppe ${i + 1}`;
      const group = String(entry.landgruppe ?? '').toUpperCase();
      if (!/^[A-Z][A-Z0-9]{1,7}$/.test(group)) throw new RateFileError(`${where}: landgruppe is not a group code`);
      const countryCode = String(entry.landkode ?? '').toUpperCase();
      if (!/^[A-Z]{2}$/.test(countryCode)) throw new RateFileError(`${where}: landkode is not a country code`);
      return { group, countryCode, ...windowOf(entry, where) };
    });
  }
  return Object.entries(json as Json)
    .filter(([, members]) => Array.isArray(members))
    .flatMap(([group, members]) =>
      (members as string[]).map((countryCode) => ({ group, countryCode, validFrom: defaultFrom, validTo: null })),
    );
}

export interface AssessmentRuleRecords {
  vatRates: ({ vatClass: 'general' | 'food'; percent: string } & Window)[];
  exciseRates: ({
    category: string;
    kind: string;
    strengthFrom: string | null;
    strengthFromInclusive: boolean | null;
    strengthTo: string | null;
    strengthToInclusive: boolean | null;
    value: string;
  } & Window)[];
  packagingRates: ({
    tax: 'ENVIRONMENTAL' | 'BASIC';
    material: 'GLASS_METAL' | 'PLASTIC' | 'CARTON' | null;
    perUnit: string;
    exemptAtReturnPercent: string | null;
  } & Window)[];
  rules: ({ rule: string; attributes: Record<string, string | number | boolean | null>; value: string } & Window)[];
}

const EXCISE_KINDS = ['PER_VOL_PERCENT_LITRE', 'PER_LITRE', 'PER_100_PIECES', 'PER_100_GRAMS', 'PER_100_ML'];

/** The rules file: `mvasatser`, `særavgifter`, `emballasjeavgifter` and `regler` (see data/reference/assessment-rules.json). */
export function parseAssessmentRules(json: unknown): AssessmentRuleRecords {
  return {
    vatRates: list(json, 'mvasatser').map((entry, i) => {
      const where = `mvasats ${i + 1}`;
      const vatClass = entry.mvaklasse;
      if (vatClass !== 'general' && vatClass !== 'food')
        throw new RateFileError(`${where}: mvaklasse must be general or food`);
      return { vatClass, percent: rate(entry.sats, where), ...windowOf(entry, where) };
    }),
    exciseRates: list(json, 'særavgifter').map((entry, i) => {
      const where = `særavgift ${i + 1}`;
      const kind = String(entry.satstype ?? '');
      if (!EXCISE_KINDS.includes(kind))
        throw new RateFileError(`${where}: satstype must be one of ${EXCISE_KINDS.join(', ')}`);
      return {
        category: String(entry.kategori ?? ''),
        kind,
        strengthFrom: optionalRate(entry.styrke_fra, where),
        strengthFromInclusive: typeof entry.styrke_fra_inkl === 'boolean' ? entry.styrke_fra_inkl : null,
        strengthTo: optionalRate(entry.styrke_til, where),
        strengthToInclusive: typeof entry.styrke_til_inkl === 'boolean' ? entry.styrke_til_inkl : null,
        value: rate(entry.sats, where, entry.øresats === true),
        ...windowOf(entry, where),
      };
    }),
    packagingRates: list(json, 'emballasjeavgifter').map((entry, i) => {
      const where = `emballasjeavgift ${i + 1}`;
      const tax = entry.avgift;
      if (tax !== 'ENVIRONMENTAL' && tax !== 'BASIC')
        throw new RateFileError(`${where}: avgift must be ENVIRONMENTAL or BASIC`);
      return {
        tax,
        material: (entry.materiale ?? null) as AssessmentRuleRecords['packagingRates'][number]['material'],
        perUnit: rate(entry.sats, where, entry.øresats === true),
        exemptAtReturnPercent: optionalRate(entry.fritak_ved_retur_prosent, where),
        ...windowOf(entry, where),
      };
    }),
    rules: list(json, 'regler').map((entry, i) => {
      const where = `regel ${i + 1}`;
      if (typeof entry.regel !== 'string' || entry.regel === '') throw new RateFileError(`${where}: regel is missing`);
      return {
        rule: entry.regel,
        attributes: (entry.attributter ?? {}) as Record<string, string | number | boolean | null>,
        value: rate(entry.sats, where, entry.øresats === true),
        ...windowOf(entry, where),
      };
    }),
  };
}
