import type { Timeline } from './dates.js';
import { ORDINARY_GROUP, standardDutySentence } from './duty.js';
import { fixedOf } from './fixed-point.js';
import { codeKey } from './lookup.js';
import type { PreparedCommodity, PreparedDutyRate, PreparedLevy } from './prepared.js';
import { lasting, ONE_HUNDRED, type Preparer, window } from './preparer.js';
import type { CommodityRow, DutyRateRow, RateBook } from './types.js';

/**
 * The commodity codes of the tariff with their duty rates and research levy, prepared code by code:
 * each version of a code carries its code's rates, so that an item, once it has found the version in
 * force, reaches its rates without another lookup by code. Rows of a code are validated together
 * (windows of one key must not overlap); duty rates of codes the tariff does not have are validated
 * but never used.
 */
export function prepareCodes(p: Preparer, book: RateBook): Map<number, Timeline<PreparedCommodity>> {
  const levy = p.index(
    'researchLevyRates',
    book.researchLevyRates,
    (r) => r.codePrefix,
    (r, at): PreparedLevy => {
      if (!/^\d{2,8}$/.test(r.codePrefix)) p.issues.push(`${at}: codePrefix must be 2 to 8 digits`);
      return { ...p.percent('RESEARCH_LEVY', r, r.percent, `${at}.percent`), prefix: r.codePrefix };
    },
  );
  const prefixLengths = [...new Set([...levy.keys()].map((k) => k.length))].sort((a, b) => b - a);

  const rowsByCode = new Map<string, { commodities: number[]; duty: number[] }>();
  const rowsOf = (code: string) => {
    let rows = rowsByCode.get(code);
    if (rows === undefined) {
      rows = { commodities: [], duty: [] };
      rowsByCode.set(code, rows);
    }
    return rows;
  };
  book.commodities.forEach((row, i) => {
    rowsOf(row.code).commodities.push(i);
  });
  book.dutyRates.forEach((row, i) => {
    rowsOf(row.commodityCode).duty.push(i);
  });

  const codes = new Map<number, Timeline<PreparedCommodity>>();
  for (const [code, rows] of rowsByCode) {
    const versions = p.index(
      'commodities',
      rows.commodities.map((i) => book.commodities[i] as CommodityRow),
      () => code,
      (r, at) => commodity(p, r, at),
      rows.commodities,
    );
    const duty = p.index(
      'dutyRates',
      rows.duty.map((i) => book.dutyRates[i] as DutyRateRow),
      (r) => r.countryGroup,
      (r, at) => dutyRate(p, r, at),
      rows.duty,
    );
    const timeline = versions.get(code);
    if (timeline === undefined) continue;
    const researchLevy = prefixLengths
      .map((n) => levy.get(code.slice(0, n)))
      .filter((t): t is Timeline<PreparedLevy> => t !== undefined);
    const ordinary = duty.get(ORDINARY_GROUP);
    for (const version of timeline.rows) {
      version.ordinaryDuty = ordinary;
      version.ordinaryLatest = ordinary?.rows[ordinary.rows.length - 1];
      version.dutyRates = duty;
      version.researchLevy = researchLevy.length > 0 ? researchLevy : null;
    }
    codes.set(codeKey(code), timeline);
  }
  return codes;
}

const NO_RATES: ReadonlyMap<string, Timeline<PreparedDutyRate>> = new Map();

function commodity(p: Preparer, r: CommodityRow, at: string): PreparedCommodity {
  if (!/^\d{8}$/.test(r.code)) p.issues.push(`${at}: code must be 8 digits`);
  // The rate fields are filled in once the code's rates are prepared (prepareCodes).
  return {
    ...r,
    ...window(r),
    ordinaryDuty: undefined,
    ordinaryLatest: undefined,
    dutyRates: NO_RATES,
    researchLevy: null,
  };
}

function dutyRate(p: Preparer, r: DutyRateRow, at: string): PreparedDutyRate {
  const value = p.decimal(r.value, `${at}.value`);
  const cited = p.cited('DUTY', r.id, value, r.kind, r, r.countryGroup);
  const factor = r.kind === 'PERCENT' ? lasting(value.div(ONE_HUNDRED)) : value;
  return {
    ...window(r),
    countryGroup: r.countryGroup,
    kind: r.kind,
    value,
    factor,
    fixedFactor: r.kind === 'PERCENT' ? fixedOf(factor) : null,
    zero: value.isZero(),
    ...cited,
    sentence: standardDutySentence(r.countryGroup, r.kind, cited.ref.value, cited.citation),
  };
}
