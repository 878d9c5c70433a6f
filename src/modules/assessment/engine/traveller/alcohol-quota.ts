import { compare, type Exact, floorTo, type Money, min, minus, plus, ZERO } from '../../../../shared/money.js';
import { rowInForce, rowsInForce } from '../dates.js';
import { plain } from '../explain.js';
import type { RuleContext } from '../lookup.js';
import { type Problem, problem } from '../problems.js';
import type { PreparedAmount } from '../rate-book/prepared-book.js';
import type { AssessmentLine, RateRef } from '../results.js';
import type { TravellerAlcoholKind } from '../types.js';
import { compareCosts, type ExciseGood, excessLines, type Regime, type UnitCost, unitCost } from './beyond-quota.js';

/**
 * The traveller's alcohol quota, chosen to minimise the duty.
 *
 * Rules: 1 l spirits, 1.5 l wine, 2 l beer (figures from the rate book); unused spirits quota may be
 * used for wine or beer and unused wine quota for beer, litre for litre, never the reverse. A
 * beverage above an age limit's strength (22 % vol: 20 years; any: 18) uses no quota below that age.
 * Beyond the quota, the excess of each group (spirits; beer and wine together) is taxed at flat rates
 * while it is within the group's simplified limit (4 l; 27 l), and entirely at ordinary rates when
 * it exceeds it (our reading of "above the limits ordinary rates apply").
 *
 * Optimisation: the only real choice is how much of the spirits quota goes to spirits (cs). For a
 * given cs each group's regime is fixed, and within it covering the most expensive litres first is
 * optimal (the coverable sets form a polymatroid, where greedy is exact); beer takes the beer quota
 * before the shared quotas, which keeps them for wine. cs is tried in whole centilitres from its
 * maximum down to zero (at most 100 × the spirits quota + 1 candidates), and the cheapest candidate
 * wins, ties to the larger cs. Two guards: the quota is never left unused to reach a cheaper regime
 * (only candidates that cover the most litres possible count), and candidates whose lines would need
 * a missing flat rate or price are passed over while any other is possible.
 */

export interface AlcoholGood extends ExciseGood {
  kind: TravellerAlcoholKind;
  eligible: boolean;
}

export interface AlcoholOutcome {
  lines: Map<AlcoholGood, AssessmentLine[]>;
  used: { spirits: Exact; wine: Exact; beer: Exact };
}

interface Pools {
  spirits: Exact;
  wine: Exact;
  beer: Exact;
}

function sum(goods: readonly AlcoholGood[]): Exact {
  return goods.reduce((a, g) => plus(a, g.total), ZERO);
}

const CENTILITRES_ZERO: Exact = { units: 0n, scale: 2 };

function min3(a: Exact, b: Exact, c: Exact): Exact {
  return min(min(a, b), c);
}

export function allocateAlcoholQuota(
  ctx: RuleContext,
  age: number,
  goods: readonly AlcoholGood[],
): AlcoholOutcome | null {
  const t = ctx.book.traveller;
  const quota = (kind: TravellerAlcoholKind) => rowInForce(t.alcoholQuotas.get(kind), ctx.day);
  const q = { spirits: quota('spirits'), wine: quota('wine'), beer: quota('beer') };
  const limitS = rowInForce(t.simplifiedLimits.get('spirits'), ctx.day);
  const limitBW = rowInForce(t.simplifiedLimits.get('beer-wine'), ctx.day);
  if (!q.spirits || !q.wine || !q.beer || !limitS || !limitBW) {
    ctx.problems.push(
      problem('TRAVELLER_RULE_MISSING', ['alcohol'], `Alcohol quota or simplified limits are missing on ${ctx.date}.`),
    );
    return null;
  }
  const ageLimits = rowsInForce(t.alcoholAgeLimits, ctx.day);
  for (const g of goods) {
    const strength = g.strength;
    g.eligible =
      strength !== null && ageLimits.every((l) => compare(strength, l.strengthAbove) <= 0 || age >= l.minimumAge);
  }
  const eligible = goods.filter((g) => g.eligible);
  const spirits = eligible.filter((g) => g.kind === 'spirits');
  const beerWine = eligible.filter((g) => g.kind !== 'spirits');
  const totalS = sum(goods.filter((g) => g.kind === 'spirits'));
  const totalBW = sum(goods.filter((g) => g.kind !== 'spirits'));
  const eligibleWine = sum(beerWine.filter((g) => g.kind === 'wine'));
  const eligibleBeer = sum(beerWine.filter((g) => g.kind === 'beer'));

  const costs = new Map<AlcoholGood, Record<Regime, UnitCost>>();
  for (const g of eligible) costs.set(g, { FLAT: unitCost(ctx, g, 'FLAT'), ORDINARY: unitCost(ctx, g, 'ORDINARY') });
  const byCost = (list: readonly AlcoholGood[], regime: Regime) =>
    [...list].sort((a, b) =>
      compareCosts(
        (costs.get(b) as Record<Regime, UnitCost>)[regime],
        (costs.get(a) as Record<Regime, UnitCost>)[regime],
      ),
    );

  const csMax = min(q.spirits.amount, sum(spirits));
  const candidates = [csMax];
  // Whole centilitres: csMax written with at least two decimals, then cut to two.
  const centilitres = floorTo(plus(csMax, CENTILITRES_ZERO), 2).units;
  for (let k = centilitres; k >= 0n; k--) {
    const cs: Exact = { units: k, scale: 2 };
    if (compare(cs, csMax) !== 0) candidates.push(cs);
  }

  type Tried = { cover: Exact; cost: Money; scratch: Problem[]; outcome: AlcoholOutcome };
  let best: Tried | undefined;
  let first: Tried | undefined;
  for (const cs of candidates) {
    const scratch: Problem[] = [];
    const sctx: RuleContext = { ...ctx, problems: scratch };
    const rest = minus(q.spirits.amount, cs);
    const maxBW = min3(
      plus(eligibleWine, eligibleBeer),
      plus(plus(q.wine.amount, rest), q.beer.amount),
      plus(min(eligibleWine, plus(q.wine.amount, rest)), eligibleBeer),
    );
    const regimeS: Regime = compare(minus(totalS, cs), limitS.amount) <= 0 ? 'FLAT' : 'ORDINARY';
    const regimeBW: Regime = compare(minus(totalBW, maxBW), limitBW.amount) <= 0 ? 'FLAT' : 'ORDINARY';
    const pools: Pools = { spirits: cs, wine: q.wine.amount, beer: q.beer.amount };
    const shared: Pools = { spirits: rest, wine: ZERO, beer: ZERO };
    const outcome: AlcoholOutcome = { lines: new Map(), used: { spirits: ZERO, wine: ZERO, beer: ZERO } };
    const covers = new Map<AlcoholGood, { from: [PreparedAmount, Exact][] }>();
    for (const g of byCost(spirits, regimeS)) covers.set(g, { from: [[q.spirits, take(pools, 'spirits', g.total)]] });
    for (const g of byCost(beerWine, regimeBW)) {
      const from: [PreparedAmount, Exact][] = [];
      let need = g.total;
      const order: [keyof Pools, PreparedAmount, Pools][] =
        g.kind === 'beer'
          ? [
              ['beer', q.beer, pools],
              ['wine', q.wine, pools],
              ['spirits', q.spirits, shared],
            ]
          : [
              ['wine', q.wine, pools],
              ['spirits', q.spirits, shared],
            ];
      for (const [pool, row, store] of order) {
        const got = take(store, pool, need);
        if (got.units > 0n) from.push([row, got]);
        need = minus(need, got);
      }
      covers.set(g, { from });
    }
    let cover = ZERO;
    let cost = 0n;
    for (const g of goods) {
      const from = covers.get(g)?.from ?? [];
      const covered = from.reduce((a, [, n]) => plus(a, n), ZERO);
      const regime = g.kind === 'spirits' ? regimeS : regimeBW;
      const note =
        from.length === 0
          ? ''
          : ` (${from.map(([row, n]) => `${plain(n)} l of the ${kindOf(row, q)} quota`).join(', ')})`;
      const refs: RateRef[] = from.map(([row]) => row.ref);
      const limit = g.kind === 'spirits' ? limitS.ref : limitBW.ref;
      const result = excessLines(sctx, g, covered, regime, { refs, note }, limit);
      outcome.lines.set(g, result.lines);
      outcome.used[g.kind] = plus(outcome.used[g.kind], covered);
      cover = plus(cover, covered);
      cost += result.cost;
    }
    const tried: Tried = { cover, cost, scratch, outcome };
    first ??= tried;
    // csMax always covers the most litres possible, so `first` sets the bar for "no quota left unused".
    if (compare(cover, first.cover) < 0 || scratch.length > 0) continue;
    if (best === undefined || cost < best.cost) best = tried;
  }
  const chosen = best ?? (first as Tried);
  ctx.problems.push(...chosen.scratch);
  return chosen.outcome;
}

function take(pools: Pools, pool: keyof Pools, wanted: Exact): Exact {
  const got = min(pools[pool], wanted);
  pools[pool] = minus(pools[pool], got);
  return got;
}

function kindOf(row: PreparedAmount, q: Record<TravellerAlcoholKind, PreparedAmount | undefined>): string {
  if (row === q.spirits) return 'spirits';
  return row === q.wine ? 'wine' : 'beer';
}
