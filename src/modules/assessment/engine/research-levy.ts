import { times } from '../../../shared/money.js';
import { rowInForce } from './dates.js';
import { exactOf, line, nok, type Rounded, rounded } from './explain.js';
import type { RuleContext } from './lookup.js';
import type { PreparedCommodity } from './rate-book/prepared-book.js';
import type { AssessmentLine } from './results.js';

/**
 * Research levy (forskningsavgift) on agricultural goods: a percentage of the (rounded) customs value.
 * Rates are keyed by commodity code or HS prefix; the longest prefix in force wins, so a rate for a
 * whole heading (0406) can be overridden for one national code. No row means no levy: most goods
 * carry none, so absence is not a problem.
 */
export function researchLevy(
  ctx: RuleContext,
  commodity: PreparedCommodity,
  customsValue: Rounded,
): { value: Rounded; line: AssessmentLine } | null {
  // The rows for the code and its headings, longest prefix first (rate-book/commodities.ts).
  for (const rows of commodity.researchLevy) {
    const rate = rowInForce(rows, ctx.day);
    if (rate === undefined) continue;
    const r = rounded(times(exactOf(customsValue), rate.factor));
    const prefix = rate.prefix.length === 8 ? `code ${commodity.code}` : `heading ${rate.prefix}`;
    return {
      value: r,
      line: line({
        kind: 'RESEARCH_LEVY',
        amount: r,
        charge: true,
        payable: true,
        rule: 'RESEARCH_LEVY',
        explanation: `Research levy for ${prefix} (${rate.citation}): ${rate.ref.value} % of customs value ${nok(customsValue)} ${r.text}.`,
        rates: rate.refs,
        baseAmount: customsValue.fixed,
      }),
    };
  }
  return null;
}
