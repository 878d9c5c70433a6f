import { compare, type Exact, times } from '../../../shared/money.js';
import { rowInForce } from './dates.js';
import { exactOf, line, plain, quantity, type Rounded, rounded } from './explain.js';
import type { RuleContext } from './lookup.js';
import type { ParsedGoodsItem } from './parse.js';
import { type Problem, problem } from './problems.js';
import { type Measure, measure } from './quantities.js';
import type { PreparedCommodity, PreparedDutyRate } from './rate-book/prepared-book.js';
import type { AssessmentLine, Quantity, RuleCode } from './results.js';
import type { DutyRateKind } from './types.js';

/**
 * Customs duty (tollavgift): the rate of the commodity code for the origin's country group.
 * - No claim: the ordinary TALL rate.
 * - A claim: only when the origin country is a member of the claimed group on the date (otherwise a
 *   PREFERENCE_NOT_APPLICABLE problem, since the declarant must correct the claim, not silently pay
 *   more). A group with no row of its own pays TALL, as empty cells of the published tariff mean.
 * - A claim never costs more than the ordinary rate: when the preferential duty would exceed the
 *   ordinary duty (possible with specific rates), the ordinary rate applies, and the line says so.
 * Duty is computed from the customs value already rounded to øre (see customs-value.ts).
 */

export const ORDINARY_GROUP = 'TALL';

const MEASURE_OF: Record<Exclude<DutyRateKind, 'PERCENT'>, Measure> = {
  PER_KG: 'kg',
  PER_LITRE: 'l',
  PER_PIECE: 'pcs',
};

type DutyRule = Extract<
  RuleCode,
  'DUTY_ORDINARY' | 'DUTY_PREFERENTIAL' | 'DUTY_PREFERENCE_WITHOUT_OWN_RATE' | 'DUTY_ORDINARY_LOWER_THAN_PREFERENTIAL'
>;

export interface DutyResult {
  value: Rounded;
  line: AssessmentLine;
  countryGroup: string;
}

/** `how` is the sentence part for specific rates; percentages use the rate's prepared sentence. */
type Applied = { ok: true; exact: Exact; how: string | null; qty: Quantity | null } | { ok: false; problem: Problem };

export interface DutyItem {
  commodity: PreparedCommodity;
  item: ParsedGoodsItem;
  /** Rounded to øre (customs-value.ts). */
  customsValue: Rounded;
}

function applyRate(rate: PreparedDutyRate, { commodity, item, customsValue }: DutyItem): Applied {
  if (rate.kind === 'PERCENT') {
    return { ok: true, exact: times(exactOf(customsValue), rate.factor), how: null, qty: null };
  }
  const m = measure(item, commodity.unit, MEASURE_OF[rate.kind]);
  if (!m.ok) return { ok: false, problem: problem(m.code, [...item.path, m.field], m.message) };
  return {
    ok: true,
    exact: times(m.value, rate.factor),
    how: `${plain(m.value)} ${m.unit} × NOK ${rate.ref.value} per ${m.unit}`,
    qty: quantity(m.value, m.unit),
  };
}

export function customsDuty(ctx: RuleContext, goods: DutyItem): DutyResult | null {
  const { date, day, problems } = ctx;
  const { commodity, item, customsValue } = goods;
  const path = item.path;
  const claimed = item.preferenceClaimed;
  let preferential: PreparedDutyRate | undefined;
  let rule: DutyRule = 'DUTY_ORDINARY';

  if (claimed !== null && claimed !== ORDINARY_GROUP) {
    if (rowInForce(ctx.book.groupMembers.get(claimed)?.get(item.originCountry), day) === undefined) {
      problems.push(
        problem(
          'PREFERENCE_NOT_APPLICABLE',
          [...path, 'preferenceClaimed'],
          `Origin ${item.originCountry} is not a member of country group ${claimed} on ${date}; claim the ordinary rate or correct the origin.`,
        ),
      );
      return null;
    }
    preferential = rowInForce(commodity.dutyRates.get(claimed), day);
    rule = preferential ? 'DUTY_PREFERENTIAL' : 'DUTY_PREFERENCE_WITHOUT_OWN_RATE';
  }

  const ordinary = rowInForce(commodity.dutyRates.get(ORDINARY_GROUP), day);
  const first = preferential ?? ordinary;
  if (first === undefined) {
    problems.push(
      problem(
        'DUTY_RATE_MISSING',
        [...path, 'commodityCode'],
        `No ordinary duty rate for ${commodity.code} on ${date}.`,
      ),
    );
    return null;
  }
  let rate = first;
  let applied = applyRate(rate, goods);
  // Two percentages compare by their factors; other pairs are computed. The comparison must not
  // report problems of the ordinary rate, which the declarant did not ask for.
  if (preferential && ordinary && applied.ok) {
    const bothPercent = preferential.kind === 'PERCENT' && ordinary.kind === 'PERCENT';
    if (!bothPercent || compare(ordinary.factor, preferential.factor) < 0) {
      const alternative = applyRate(ordinary, goods);
      if (alternative.ok && compare(alternative.exact, applied.exact) < 0) {
        rate = ordinary;
        applied = alternative;
        rule = 'DUTY_ORDINARY_LOWER_THAN_PREFERENTIAL';
      }
    }
  }
  if (!applied.ok) {
    problems.push(applied.problem);
    return null;
  }

  const group = rate.countryGroup;
  const r = rounded(applied.exact);
  let explanation: string;
  if (applied.how === null) {
    // A percentage: the row's prepared sentence when the rule is the row's own, else built here.
    const own = rule === 'DUTY_ORDINARY' || rule === 'DUTY_PREFERENTIAL';
    const start =
      own && rate.sentence !== null
        ? rate.sentence
        : `${dutySentence(rule, claimed ?? group, group, rate.citation)}${rate.ref.value} % of customs value NOK `;
    explanation = `${start + customsValue.fixed} ${r.text}.`;
  } else {
    explanation = `${dutySentence(rule, claimed ?? group, group, rate.citation) + applied.how} ${r.text}.`;
  }
  return {
    value: r,
    line: line({
      kind: 'CUSTOMS_DUTY',
      amount: r,
      charge: true,
      payable: true,
      rule,
      explanation,
      rates: rate.refs,
      baseAmount: rate.kind === 'PERCENT' ? customsValue.fixed : null,
      quantity: applied.qty,
    }),
    countryGroup: group,
  };
}

/**
 * The start of a duty line's sentence, up to the computation. For percentage rates under the
 * ordinary or the preferential rule it depends on the rate row only, so `prepareRateBook` builds it
 * once per row (`sentence`) with this same function.
 */
export function dutySentence(rule: DutyRule, claimed: string, group: string, citation: string): string {
  return `Customs duty, ${why(rule, claimed)} (${group}, ${citation}): `;
}

export function standardDutySentence(
  group: string,
  kind: DutyRateKind,
  value: string,
  citation: string,
): string | null {
  if (kind !== 'PERCENT') return null;
  const rule: DutyRule = group === ORDINARY_GROUP ? 'DUTY_ORDINARY' : 'DUTY_PREFERENTIAL';
  return `${dutySentence(rule, group, group, citation)}${value} % of customs value NOK `;
}

function why(rule: DutyRule, claimed: string): string {
  switch (rule) {
    case 'DUTY_ORDINARY':
      return 'ordinary rate';
    case 'DUTY_PREFERENTIAL':
      return `preferential rate of the claimed group ${claimed}`;
    case 'DUTY_PREFERENCE_WITHOUT_OWN_RATE':
      return `ordinary rate, since the claimed group ${claimed} has no rate of its own for this code`;
    case 'DUTY_ORDINARY_LOWER_THAN_PREFERENTIAL':
      return `ordinary rate, lower here than the rate of the claimed group ${claimed}`;
  }
}
