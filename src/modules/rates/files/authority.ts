import { isIsoDate } from '../../../shared/clock.js';
import { parseOpenDataDecimal } from '../../../shared/decimal.js';
import type { CountryGroupRecord, DutyRateRecord } from './rate-json.js';
import { RateFileError } from './rate-json.js';

/**
 * Parsers of the four files Norwegian Customs publishes as open data (data.toll.no, NLOD 2.0), in
 * their own shapes: the tariff structure, the country groups, each country's memberships, and the
 * duty under each trade agreement. Texts are cleaned of the HTML entities and stray spaces they are
 * published with; an empty `tomdato` is an open end. Each throws naming the first bad record.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function listOf(value: unknown, where: string): Json[] {
  if (!Array.isArray(value) || !value.every(isObject)) throw new RateFileError(`${where} must be a list of objects`);
  return value;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** A published text as a reader sees it: entities decoded, runs of spaces one, no leading or trailing space. */
export function cleanText(text: string): string {
  return text
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
      if (body.startsWith('#x') || body.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
      if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
      return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A heading's text without the colon that introduces its subdivisions ("Horses :" is "Horses"). */
const headingText = (text: unknown) => cleanText(String(text ?? '')).replace(/\s*:$/, '');

function windowOf(entry: Json, where: string): { validFrom: string; validTo: string | null } {
  const from = String(entry.fomdato ?? '').trim();
  if (!isIsoDate(from.slice(0, 10))) throw new RateFileError(`${where}: fomdato "${from}" is not a date`);
  const to = String(entry.tomdato ?? '').trim();
  if (to !== '' && !isIsoDate(to.slice(0, 10))) throw new RateFileError(`${where}: tomdato "${to}" is not a date`);
  const validFrom = from.slice(0, 10);
  const validTo = to === '' ? null : to.slice(0, 10);
  if (validTo !== null && validTo < validFrom) throw new RateFileError(`${where}: tomdato is before fomdato`);
  return { validFrom, validTo };
}

export interface TariffSectionRecord {
  id: string;
  position: number;
  description: string;
}
export interface TariffChapterRecord {
  id: string;
  sectionId: string;
  description: string;
}
export interface TariffHeadingRecord {
  id: string;
  chapterId: string;
  description: string;
}
/** A code of the published tariff: its text only; units, VAT class and rates come from rate files. */
export interface TariffCodeRecord {
  code: string;
  description: string;
  validFrom: string;
}
export interface TariffStructure {
  sections: TariffSectionRecord[];
  chapters: TariffChapterRecord[];
  headings: TariffHeadingRecord[];
  codes: TariffCodeRecord[];
}

/**
 * customstariffstructure.json: sections → chapters (some through subchapters) → headings →
 * subheadings (`subsubheading`, any depth) → commodity codes. The file carries no dates: its codes
 * apply from `validFrom`, the start of the nomenclature it is written in.
 */
export function parseTariffStructure(json: unknown, validFrom: string): TariffStructure {
  const structure: TariffStructure = { sections: [], chapters: [], headings: [], codes: [] };
  const seen = new Set<string>();
  const sections = listOf((json as Json).sections, 'sections');
  sections.forEach((section, s) => {
    const sectionId = String(section.id ?? '');
    if (!/^\d{2}$/.test(sectionId)) throw new RateFileError(`section ${s + 1}: id "${sectionId}" is not two digits`);
    structure.sections.push({ id: sectionId, position: s + 1, description: headingText(section.description) });
    for (const chapter of listOf(section.chapters ?? [], `section ${sectionId} chapters`)) {
      const chapterId = String(chapter.id ?? '');
      if (!/^\d{2}$/.test(chapterId)) throw new RateFileError(`chapter "${chapterId}" is not two digits`);
      structure.chapters.push({ id: chapterId, sectionId, description: headingText(chapter.description) });
      const divisions = listOf(chapter.divisions ?? [], `chapter ${chapterId} divisions`);
      // A subchapter groups headings without a number of its own in the codes: its headings belong to the chapter.
      const headings = divisions.flatMap((d) =>
        d.type === 'subchapter' ? listOf(d.headings ?? [], `chapter ${chapterId} subchapter`) : [d],
      );
      for (const heading of headings) {
        if (heading.type === 'commodity') {
          addCode(heading, chapterId);
          continue;
        }
        const headingId = String(heading.id ?? '');
        if (heading.type !== 'heading' || !/^\d{4}$/.test(headingId) || !headingId.startsWith(chapterId)) {
          throw new RateFileError(`chapter ${chapterId}: "${headingId}" is not one of its headings`);
        }
        structure.headings.push({ id: headingId, chapterId, description: headingText(heading.description) });
        walk(listOf(heading.divisions ?? [], `heading ${headingId} divisions`), headingId);
      }
    }
  });
  return structure;

  function walk(divisions: Json[], headingId: string): void {
    for (const division of divisions) {
      if (division.type === 'commodity') addCode(division, headingId);
      else walk(listOf(division.divisions ?? [], `heading ${headingId} subdivisions`), headingId);
    }
  }

  function addCode(entry: Json, parent: string): void {
    const code = String(entry.id ?? '');
    if (!/^\d{8}$/.test(code) || !code.startsWith(parent))
      throw new RateFileError(`under ${parent}: "${code}" is not an 8-digit commodity code of it`);
    if (seen.has(code)) throw new RateFileError(`commodity code ${code} appears twice`);
    seen.add(code);
    const description = cleanText(String(entry.item ?? ''));
    if (description === '') throw new RateFileError(`commodity code ${code}: the text is empty`);
    structure.codes.push({ code, description, validFrom });
  }
}

export interface CountryGroupListRecord {
  code: string;
  name: string;
  preferenceCode: string;
  validFrom: string;
  validTo: string | null;
}

const GROUP_CODE = /^[A-Z][A-Z0-9]{1,7}$/;

/** landgruppe.json: `{ landgrupper: [{ landgruppekode, landgruppenavn, preferansekode, fomdato, tomdato }] }`. */
export function parseCountryGroupList(json: unknown): CountryGroupListRecord[] {
  return listOf((json as Json).landgrupper, 'landgrupper').map((entry, i) => {
    const where = `landgruppe ${i + 1}`;
    const code = String(entry.landgruppekode ?? '').trim();
    if (!GROUP_CODE.test(code)) throw new RateFileError(`${where}: landgruppekode "${code}" is not a group code`);
    return {
      code,
      name: cleanText(String(entry.landgruppenavn ?? '')),
      preferenceCode: String(entry.preferansekode ?? '').trim(),
      ...windowOf(entry, where),
    };
  });
}

/** medlemsland.json: `{ medlemsland: [{ landkode, landnavn, landgrupper: [{ landgruppekode, fomdato, tomdato }] }] }`. */
export function parseMemberCountries(json: unknown): CountryGroupRecord[] {
  return listOf((json as Json).medlemsland, 'medlemsland').flatMap((country, i) => {
    const countryCode = String(country.landkode ?? '').trim();
    if (!/^[A-Z]{2}$/.test(countryCode))
      throw new RateFileError(`medlemsland ${i + 1}: landkode "${countryCode}" is not a country code`);
    return listOf(country.landgrupper ?? [], `medlemsland ${countryCode} landgrupper`).map((membership, j) => {
      const where = `medlemsland ${countryCode} landgruppe ${j + 1}`;
      const group = String(membership.landgruppekode ?? '').trim();
      if (!GROUP_CODE.test(group)) throw new RateFileError(`${where}: "${group}" is not a group code`);
      return { group, countryCode, ...windowOf(membership, where) };
    });
  });
}

/**
 * The country group of the duty under each agreement code of ratetradeagreements.json, by the
 * groups' names in landgruppe.json ("Toll fra EU- land" is TEF, "Toll fra de minst utviklede land"
 * TGS1 ...). A free-trade partner named by its country code has the group T + that code, except
 * where the authority named the group otherwise.
 */
export const AGREEMENT_GROUPS: Readonly<Record<string, string>> = {
  EU: 'TEF',
  EFTA: 'TEFT',
  EEA: 'TOES',
  GB: 'TGB',
  GSP: 'TGS2',
  'GSP-LDC': 'TGS1',
  'GSP+': 'TGSP',
  SACU: 'TSAC',
  GCC: 'TGCC',
  FO: 'TI',
  GL: 'TH',
  TR: 'TTYR',
  PS: 'TXI',
  ...Object.fromEntries(
    'AL BA CA CL CO CR EC EG GE HK ID IL IN JO KR LB MA MD ME MK MX PA PE PH RS SG TN UA'
      .split(' ')
      .map((country) => [country, `T${country}`]),
  ),
};

export interface TradeAgreementRates {
  dutyRates: DutyRateRecord[];
  /** Agreement codes the file uses that name no country group here, with the number of codes they rate. */
  unmatched: Record<string, number>;
}

/**
 * ratetradeagreements.json: per commodity code, the duty under each agreement: `%` (percent of the
 * customs value), `pr.kg` (NOK per kg), `FREE` (0 %), or `NA`, which gives no preference and so no
 * row (the ordinary rate applies). The file carries no dates: its rates apply from `validFrom`.
 */
export function parseTradeAgreementRates(json: unknown, validFrom: string): TradeAgreementRates {
  const dutyRates: DutyRateRecord[] = [];
  const unmatched: Record<string, number> = {};
  for (const [i, commodity] of listOf((json as Json).commodities, 'commodities').entries()) {
    const code = String(commodity.id ?? '');
    if (!/^\d{8}$/.test(code)) throw new RateFileError(`commodity ${i + 1}: id "${code}" is not an 8-digit code`);
    const groups = new Set<string>();
    for (const agreement of listOf(commodity.rateTradeAgreements ?? [], `commodity ${code} rateTradeAgreements`)) {
      const duty = (agreement.customDuty ?? {}) as Json;
      if (duty.classifier === 'NA') continue;
      const rate = dutyOf(duty, code);
      for (const landCode of (agreement.landCodes ?? []) as unknown[]) {
        const group = AGREEMENT_GROUPS[String(landCode)];
        if (group === undefined) {
          unmatched[String(landCode)] = (unmatched[String(landCode)] ?? 0) + 1;
          continue;
        }
        if (groups.has(group)) throw new RateFileError(`commodity ${code}: two rates for ${String(landCode)}`);
        groups.add(group);
        dutyRates.push({ commodityCode: code, countryGroup: group, ...rate, validFrom, validTo: null });
      }
    }
  }
  return { dutyRates, unmatched };
}

function dutyOf(duty: Json, code: string): Pick<DutyRateRecord, 'kind' | 'value'> {
  if (duty.classifier === 'FREE') return { kind: 'PERCENT', value: '0' };
  const value = parseOpenDataDecimal(String(duty.value ?? ''));
  if (!value || value.isNegative()) throw new RateFileError(`commodity ${code}: "${String(duty.value)}" is not a rate`);
  if (duty.type === '%') return { kind: 'PERCENT', value: value.toFixed() };
  if (duty.type === 'pr.kg') return { kind: 'PER_KG', value: value.toFixed() };
  throw new RateFileError(`commodity ${code}: duty type "${String(duty.type)}" is neither % nor pr.kg`);
}
