import { formatMoney, type Money, parseMoney } from '../../../shared/money.js';
import type { AssessmentLine, LineKind, Totals } from './results.js';

/**
 * Totals are sums of the rounded charge lines, never rounded again: each line's amount is read back
 * as the whole øre it was written from, and summed exactly.
 */

/** The order kinds are listed in `byKind`: the order in which the amounts are built. */
const LINE_KIND_ORDER: readonly LineKind[] = [
  'CUSTOMS_VALUE',
  'CUSTOMS_DUTY',
  'RESEARCH_LEVY',
  'EXCISE_ALCOHOL',
  'EXCISE_TOBACCO',
  'EXCISE_E_LIQUID',
  'PACKAGING_ENVIRONMENTAL_TAX',
  'PACKAGING_BASIC_TAX',
  'REGISTRATION_TAX',
  'FLAT_RATE_ALCOHOL',
  'FLAT_RATE_TOBACCO',
  'VAT',
  'VOEC_RELIEF',
  'VALUE_ALLOWANCE',
  'ALCOHOL_QUOTA',
  'TOBACCO_QUOTA',
];

/** The sum of the charge lines among `lines`. */
export function chargesOf(lines: readonly AssessmentLine[]): Money {
  let sum = 0n;
  for (const line of lines) if (line.charge) sum += parseMoney(line.amount);
  return sum;
}

export function computeTotals(lineGroups: readonly (readonly AssessmentLine[])[]): Totals {
  let payable = 0n;
  let reported = 0n;
  const byKind = new Map<LineKind, Money>();
  for (const lines of lineGroups) {
    for (const line of lines) {
      if (!line.charge) continue;
      const ore = parseMoney(line.amount);
      if (line.payable) payable += ore;
      else reported += ore;
      byKind.set(line.kind, (byKind.get(line.kind) ?? 0n) + ore);
    }
  }
  return {
    payable: formatMoney(payable),
    vatToReport: formatMoney(reported),
    total: formatMoney(payable + reported),
    byKind: LINE_KIND_ORDER.filter((k) => byKind.has(k)).map((kind) => ({
      kind,
      amount: formatMoney(byKind.get(kind) as Money),
    })),
  };
}
