import { rowInForce, type Timeline } from './dates.js';
import { charge, fixedProduct, type Money, nok, type Rounded, roundedExact } from './explain.js';
import type { RuleContext } from './lookup.js';
import type { PreparedLevy } from './prepared.js';
import type { AssessmentLine } from './results.js';

/**
 * Research levy (forskningsavgift) on agricultural goods: a percentage of the (rounded) customs value.
 * Rates are keyed by commodity code or HS prefix; the longest prefix in force wins, so a rate for a
 * whole heading (0406) can be overridden for one national code. No row means no levy: most goods
 * carry none, so absence is not a problem.
 */
export function researchLevy(
  ctx: RuleContext,
  commodityCode: string,
  candidates: readonly Timeline<PreparedLevy>[],
  customsValue: Money,
  payable: boolean,
): { value: Rounded; line: AssessmentLine } | null {
  // `candidates` are the rows for the code and its headings, longest prefix first (prepare.ts).
  for (const rows of candidates) {
    const rate = rowInForce(rows, ctx.day);
    if (rate === undefined) continue;
    const r = roundedExact(fixedProduct(customsValue, rate.fixedFactor) ?? customsValue.amount.times(rate.factor));
    const length = rate.prefix.length;
    const prefix = length === 8 ? `code ${commodityCode}` : `heading ${rate.prefix}`;
    const explanation = `Research levy for ${prefix} (${rate.citation}): ${rate.ref.value} % of customs value ${nok(customsValue)} ${r.text}.`;
    return {
      value: r,
      line: charge('RESEARCH_LEVY', r, payable, 'RESEARCH_LEVY', explanation, {
        rates: rate.refs,
        baseAmount: customsValue.fixed,
      }),
    };
  }
  return null;
}
