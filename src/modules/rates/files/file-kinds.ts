/**
 * What a file handed to `data:load` holds, told by its content rather than its name: the tariff
 * CSV, JSON with rate lists, one of the authority's four open-data files (authority.ts), one of the
 * reference lists that `db:seed` loads (skipped: they are not rates), a document (skipped), or
 * something else (refused). Refusing by shape is what keeps a list of agencies from being loaded
 * as country groups.
 */

export type AuthorityFile = 'tariff-structure' | 'country-groups' | 'member-countries' | 'trade-agreement-rates';

export type FileKind =
  | { readonly kind: 'tariff' }
  | { readonly kind: 'authority'; readonly file: AuthorityFile; readonly json: unknown }
  | { readonly kind: 'rates'; readonly json: unknown }
  | { readonly kind: 'skip'; readonly reason: string }
  | { readonly kind: 'refuse'; readonly reason: string };

/** Top-level keys that describe a file and hold no rows. */
const META_KEYS = new Set(['about', 'versjon', 'version']);

/** The rate lists the loader reads (see rate-json.ts and exchange-rates.ts). */
export const RATE_KEYS = [
  'omregningskurser',
  'tollsatser',
  'landgrupper',
  'mvasatser',
  'særavgifter',
  'emballasjeavgifter',
  'regler',
] as const;

/** The lists of data/reference that db:seed loads; they are reference data, not rates. */
const REFERENCE_LISTS: Record<string, string> = {
  agencies: 'a list of partner agencies',
  countries: 'a list of countries',
  currencies: 'a list of currencies',
  offices: 'a list of customs offices',
  procedures: 'a list of customs procedure codes',
  terms: 'the terms of customs credit and arrears',
};

const GROUP_CODE = /^[A-Z][A-Z0-9]{1,7}$/;
const COUNTRY_CODE = /^[A-Z]{2}$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstEntry(value: unknown): Json | undefined {
  return Array.isArray(value) && isObject(value[0]) ? value[0] : undefined;
}

/** The authority's open-data files (data.toll.no) by their shape. */
function openDataFile(json: Json): AuthorityFile | undefined {
  const group = firstEntry(json.landgrupper);
  if (group && 'landgruppekode' in group && !('landkode' in group)) return 'country-groups';
  if (Array.isArray(json.medlemsland)) return 'member-countries';
  if (Array.isArray(json.sections) && firstEntry(json.sections)?.type === 'section') return 'tariff-structure';
  if (firstEntry(json.commodities)?.rateTradeAgreements !== undefined) return 'trade-agreement-rates';
  return undefined;
}

/**
 * The development file's country groups, `{ "TEF": ["AT", ...], ... }`: every key a group code and
 * every member a country code. Undefined when the keys are not group codes at all.
 */
function countryGroupProblem(entries: [string, unknown][]): string | undefined {
  for (const [group, members] of entries) {
    if (!Array.isArray(members)) return `country group ${group}: the members must be a list of country codes`;
    const bad = members.findIndex((member) => typeof member !== 'string' || !COUNTRY_CODE.test(member));
    if (bad >= 0) return `country group ${group}: member ${bad + 1} is not a two-letter country code`;
  }
  return undefined;
}

function jsonKind(json: unknown): FileKind {
  if (Array.isArray(json)) {
    // The bare list of exchange rates that parseExchangeRates also takes.
    if (firstEntry(json) && 'valutakode' in (firstEntry(json) as Json)) return { kind: 'rates', json };
    return { kind: 'refuse', reason: 'not a rate file: a JSON list that is not exchange rates' };
  }
  if (!isObject(json)) return { kind: 'refuse', reason: 'not a rate file: JSON that is not an object' };
  const openData = openDataFile(json);
  if (openData) return { kind: 'authority', file: openData, json };
  const keys = Object.keys(json).filter((key) => !META_KEYS.has(key));
  const lists = keys.filter((key) => key in REFERENCE_LISTS);
  if (lists.length > 0 && lists.length === keys.length) {
    const what = lists.map((key) => REFERENCE_LISTS[key]).join(' and ');
    return { kind: 'skip', reason: `not a rate file (${what}, loaded by npm run db:seed)` };
  }
  const rateKeys = keys.filter((key) => (RATE_KEYS as readonly string[]).includes(key));
  if (rateKeys.length > 0) {
    const stray = keys.find((key) => !rateKeys.includes(key));
    if (stray) return { kind: 'refuse', reason: `"${stray}" does not belong in a rate file` };
    return { kind: 'rates', json };
  }
  const notGroup = keys.find((key) => !GROUP_CODE.test(key));
  if (keys.length === 0 || notGroup !== undefined) {
    return {
      kind: 'refuse',
      reason:
        keys.length === 0
          ? 'not a rate file: no rate lists in it'
          : `not a rate file: "${notGroup}" is not a rate list (${RATE_KEYS.join(', ')}) nor a country group code`,
    };
  }
  const problem = countryGroupProblem(keys.map((key) => [key, json[key]]));
  return problem ? { kind: 'refuse', reason: problem } : { kind: 'rates', json };
}

/** The tariff's header: semicolon-separated, with a code and a description column (see tariff-csv.ts). */
function looksLikeTariff(text: string): boolean {
  const header = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .find((line) => line !== '' && !line.startsWith('#'));
  if (!header?.includes(';')) return false;
  const columns = header.split(';').map((cell) => cell.trim().toLowerCase());
  return (
    (columns.includes('code') || columns.includes('varenummer')) &&
    (columns.includes('description') || columns.includes('beskrivelse'))
  );
}

const DOCUMENTS: Record<string, string> = {
  '.md': 'a Markdown document',
  '.markdown': 'a Markdown document',
  '.txt': 'a text document',
};

/** Recognises one file from its name's extension (for documents only) and its text. */
export function recogniseFile(name: string, text: string): FileKind {
  const start = text.trimStart()[0];
  const extension = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (start === '{' || start === '[' || extension === '.json') {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return { kind: 'refuse', reason: `not valid JSON (${(error as Error).message.split('\n')[0]})` };
    }
    return jsonKind(json);
  }
  if (looksLikeTariff(text)) return { kind: 'tariff' };
  const document = DOCUMENTS[extension];
  if (document) return { kind: 'skip', reason: `not a rate file (${document})` };
  return {
    kind: 'refuse',
    reason: 'not a rate file: neither JSON nor the tariff (semicolon-separated, with code and description columns)',
  };
}
