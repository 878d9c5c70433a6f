import { compare, type Exact, type Money, min, minus, plus, ZERO } from '../../../../shared/money.js';
import { rowInForce, rowsInForce } from '../dates.js';
import { plain } from '../explain.js';
import type { RuleContext } from '../lookup.js';
import { type Problem, problem } from '../problems.js';
import type { PreparedTobaccoQuota } from '../rate-book/prepared-book.js';
import type { AssessmentLine } from '../results.js';
import type { TravellerTobaccoGroup, TravellerTobaccoKind } from '../types.js';
import { compareCosts, type ExciseGood, excessLines, type Regime, type UnitCost, unitCost } from './beyond-quota.js';

/**
 * The traveller's tobacco quota: one of the alternatives in force (100 cigarettes, or 125 g of other
 * tobacco: smoking tobacco, cigars, snus), for travellers of the quota's minimum age. Every
 * alternative (and none) is tried; within the chosen group the most expensive units are covered first;
 * the excess of each group is taxed at flat rates within its simplified limit (400 cigarettes, 500 g)
 * and wholly at ordinary rates beyond it. The cheapest alternative wins, ties to the order of the
 * rate book; as for alcohol, alternatives needing a missing flat rate or price are passed over when
 * another is possible. Cigarette papers are outside the engine.
 */

export interface TobaccoGood extends ExciseGood {
  kind: TravellerTobaccoKind;
}

export interface TobaccoOutcome {
  lines: Map<TobaccoGood, AssessmentLine[]>;
  used: { group: TravellerTobaccoGroup; quantity: Exact } | null;
}

export function groupOf(kind: TravellerTobaccoKind): TravellerTobaccoGroup {
  return kind === 'cigarettes' ? 'cigarettes' : 'other-tobacco';
}

export function allocateTobaccoQuota(
  ctx: RuleContext,
  age: number,
  goods: readonly TobaccoGood[],
): TobaccoOutcome | null {
  const t = ctx.book.traveller;
  const limits = {
    cigarettes: rowInForce(t.simplifiedLimits.get('cigarettes'), ctx.day),
    'other-tobacco': rowInForce(t.simplifiedLimits.get('other-tobacco'), ctx.day),
  };
  if (!limits.cigarettes || !limits['other-tobacco']) {
    ctx.problems.push(
      problem('TRAVELLER_RULE_MISSING', ['tobacco'], `Tobacco simplified limits are missing on ${ctx.date}.`),
    );
    return null;
  }
  const totals = { cigarettes: ZERO, 'other-tobacco': ZERO };
  for (const g of goods) totals[groupOf(g.kind)] = plus(totals[groupOf(g.kind)], g.total);

  const options: (PreparedTobaccoQuota | null)[] = [
    ...rowsInForce(t.tobaccoQuotas, ctx.day).filter((q) => age >= q.minimumAge),
    null,
  ];
  let best: { cost: Money; scratch: Problem[]; outcome: TobaccoOutcome } | undefined;
  let first: typeof best;
  for (const option of options) {
    const scratch: Problem[] = [];
    const sctx: RuleContext = { ...ctx, problems: scratch };
    const group = option?.group;
    const quota = option?.amount ?? ZERO;
    const covered = group === undefined ? ZERO : min(quota, totals[group]);
    const regimeOf = (g: TravellerTobaccoGroup): Regime => {
      const excess = g === group ? minus(totals[g], covered) : totals[g];
      return compare(excess, (limits[g] as { amount: Exact }).amount) <= 0 ? 'FLAT' : 'ORDINARY';
    };
    let left = covered;
    const coverOf = new Map<TobaccoGood, Exact>();
    if (group !== undefined) {
      const regime = regimeOf(group);
      const inGroup = goods.filter((g) => groupOf(g.kind) === group);
      const cost = new Map(inGroup.map((g) => [g, unitCost(ctx, g, regime)]));
      const byCost = [...inGroup].sort((a, b) => compareCosts(cost.get(b) as UnitCost, cost.get(a) as UnitCost));
      for (const g of byCost) {
        const got = min(left, g.total);
        coverOf.set(g, got);
        left = minus(left, got);
      }
    }
    const outcome: TobaccoOutcome = {
      lines: new Map(),
      used: option && group && covered.units > 0n ? { group, quantity: covered } : null,
    };
    let cost = 0n;
    for (const g of goods) {
      const c = coverOf.get(g) ?? ZERO;
      const g2 = groupOf(g.kind);
      const note = option ? ` (the ${option.group} quota of ${plain(option.amount)} ${g.unit})` : '';
      const result = excessLines(
        sctx,
        g,
        c,
        regimeOf(g2),
        { refs: option && c.units > 0n ? [option.ref] : [], note },
        limits[g2]?.ref,
      );
      outcome.lines.set(g, result.lines);
      cost += result.cost;
    }
    const tried = { cost, scratch, outcome };
    first ??= tried;
    if (scratch.length === 0 && (best === undefined || cost < best.cost)) best = tried;
  }
  const chosen = best ?? first;
  if (chosen === undefined) return null;
  ctx.problems.push(...chosen.scratch);
  return chosen.outcome;
}
