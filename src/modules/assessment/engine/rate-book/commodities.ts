import { divideByPowerOfTen } from '../../../../shared/money.js';
import { standardDutySentence } from '../customs-duty.js';
import type { Timeline } from '../dates.js';
import type { RateBook } from '../types.js';
import type { PreparedCommodity, PreparedDutyRate, PreparedLevy } from './prepared-book.js';
import { kept, type RowReader, window } from './rows.js';

/**
 * The commodity codes of the tariff, each version carrying its code's duty rates (by country group)
 * and the research-levy rows of the code and its headings, longest prefix first: an item that has
 * found the version in force reaches its rates without another lookup. Duty rates of codes the
 * tariff does not have are validated but never used.
 */
export function prepareCommodities(r: RowReader, book: RateBook): Map<string, Timeline<PreparedCommodity>> {
  const levy = r.index(
    'researchLevyRates',
    book.researchLevyRates,
    (row) => row.codePrefix,
    (row, at): PreparedLevy => {
      if (!/^\d{2,8}$/.test(row.codePrefix)) r.issues.push(`${at}: codePrefix must be 2 to 8 digits`);
      return { ...r.percent('RESEARCH_LEVY', row, row.percent, `${at}.percent`), prefix: row.codePrefix };
    },
  );
  const prefixLengths = [...new Set([...levy.keys()].map((k) => k.length))].sort((a, b) => b - a);

  const duty = r.index(
    'dutyRates',
    book.dutyRates,
    (row) => `${row.commodityCode}|${row.countryGroup}`,
    (row, at): PreparedDutyRate => {
      const value = r.decimal(row.value, `${at}.value`);
      const cited = r.cited({
        table: 'DUTY',
        id: row.id,
        value,
        kind: row.kind,
        row,
        countryGroup: row.countryGroup,
      });
      return {
        ...window(row),
        countryGroup: row.countryGroup,
        kind: row.kind,
        value,
        factor: row.kind === 'PERCENT' ? kept(divideByPowerOfTen(value, 2)) : value,
        ...cited,
        sentence: standardDutySentence(row.countryGroup, row.kind, cited.ref.value, cited.citation),
      };
    },
  );
  const dutyByCode = new Map<string, Map<string, Timeline<PreparedDutyRate>>>();
  for (const [key, timeline] of duty) {
    const [code, group] = key.split('|') as [string, string];
    const byGroup = dutyByCode.get(code) ?? new Map<string, Timeline<PreparedDutyRate>>();
    byGroup.set(group, timeline);
    dutyByCode.set(code, byGroup);
  }

  const codes = r.index(
    'commodities',
    book.commodities,
    (row) => row.code,
    (row, at): PreparedCommodity => {
      if (!/^\d{8}$/.test(row.code)) r.issues.push(`${at}: code must be 8 digits`);
      return {
        ...row,
        ...window(row),
        dutyRates: dutyByCode.get(row.code) ?? NO_DUTY_RATES,
        researchLevy: prefixLengths
          .map((n) => levy.get(row.code.slice(0, n)))
          .filter((t): t is Timeline<PreparedLevy> => t !== undefined),
      };
    },
  );
  return codes;
}

const NO_DUTY_RATES: ReadonlyMap<string, Timeline<PreparedDutyRate>> = new Map();
