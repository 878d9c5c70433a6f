import { compare, formatExact, formatMoney, integer, isZero, times, ZERO } from '../../../../shared/money.js';
import { dayOf, rowInForce } from '../dates.js';
import { rounded } from '../explain.js';
import type { TravellerAlcoholInput, TravellerInput, TravellerTobaccoInput } from '../inputs.js';
import { Conversions, type RuleContext } from '../lookup.js';
import { amountAt, currencyAt, dateAt } from '../parse.js';
import { type Problem, type ProblemPath, problem } from '../problems.js';
import type { PreparedRateBook } from '../rate-book/prepared-book.js';
import type { AssessmentResult, TravellerAssessment, TravellerItemAssessment } from '../results.js';
import { computeTotals } from '../totals.js';
import type { IsoDate } from '../types.js';
import { type AlcoholGood, allocateAlcoholQuota } from './alcohol-quota.js';
import { type ExciseGood, flatRateFor } from './beyond-quota.js';
import { allocateTobaccoQuota, type TobaccoGood } from './tobacco-quota.js';
import { assessTravellerGoods } from './value-allowance.js';

const ALCOHOL_KINDS: readonly string[] = ['spirits', 'wine', 'beer'];
const TOBACCO_KINDS: readonly string[] = ['cigarettes', 'smoking-tobacco', 'snus'];
const TOBACCO_CATEGORY = {
  cigarettes: 'tobacco-cigarettes',
  'smoking-tobacco': 'tobacco-smoking',
  snus: 'tobacco-snus',
} as const;

/**
 * Assesses what a resident traveller brings home, at the rates in force on the date of entry:
 * goods against the value allowance (6,000 / 3,000 NOK), alcohol and tobacco against their quotas,
 * the excess at flat or ordinary rates. Everything a traveller owes is payable (private person).
 */
export function assessTraveller(book: PreparedRateBook, input: TravellerInput): AssessmentResult<TravellerAssessment> {
  const problems: Problem[] = [];
  const date = dateAt(input.arrivedOn, [], 'arrivedOn', problems);
  if (!Number.isInteger(input.age) || input.age < 0 || input.age > 150) {
    problems.push(problem('INVALID_INPUT', ['age'], 'Expected the age in whole years.'));
  }
  if (typeof input.awayOver24Hours !== 'boolean') {
    problems.push(problem('INVALID_INPUT', ['awayOver24Hours'], 'Expected true or false.'));
  }
  const sections = { goods: input.goods, alcohol: input.alcohol, tobacco: input.tobacco };
  let listsOk = true;
  for (const [name, list] of Object.entries(sections)) {
    if (!Array.isArray(list)) {
      problems.push(problem('INVALID_INPUT', [name], 'Expected a list (possibly empty).'));
      listsOk = false;
    }
  }
  if (date === null || !listsOk) return { ok: false, problems };
  checkUniqueIds(input, problems);

  const ctx: RuleContext = { book, date, day: dayOf(date), problems };
  const conversions = new Conversions(book, date, problems);
  const allowance = rowInForce(book.traveller.allowances.get(input.awayOver24Hours ? 'over24h' : 'under24h'), ctx.day);
  if (allowance === undefined) {
    problems.push(problem('TRAVELLER_RULE_MISSING', ['awayOver24Hours'], `No value allowance is in force on ${date}.`));
    return { ok: false, problems };
  }
  const goods = assessTravellerGoods(ctx, conversions, allowance, input.goods);

  const alcoholGoods = input.alcohol.map((a, i) => parseAlcohol(book, date, conversions, a, ['alcohol', i], problems));
  const tobaccoGoods = input.tobacco.map((t, i) => parseTobacco(book, date, conversions, t, ['tobacco', i], problems));
  if (problems.length > 0) return { ok: false, problems };
  const alcohol = alcoholGoods.length > 0 ? allocateAlcoholQuota(ctx, input.age, alcoholGoods as AlcoholGood[]) : null;
  const tobacco = tobaccoGoods.length > 0 ? allocateTobaccoQuota(ctx, input.age, tobaccoGoods as TobaccoGood[]) : null;
  if (problems.length > 0 || goods === null) return { ok: false, problems };

  const items: TravellerItemAssessment[] = [...goods.items];
  for (const g of alcoholGoods as AlcoholGood[])
    items.push({ id: g.id, section: 'ALCOHOL', lines: alcohol?.lines.get(g) ?? [] });
  for (const g of tobaccoGoods as TobaccoGood[])
    items.push({ id: g.id, section: 'TOBACCO', lines: tobacco?.lines.get(g) ?? [] });
  return {
    ok: true,
    assessment: {
      kind: 'TRAVELLER',
      arrivedOn: date,
      allowance: { rate: allowance.ref, usedNok: formatMoney(goods.usedNok), coveredGoodsIds: goods.coveredIds },
      alcoholQuotaUsed: {
        spirits: formatExact(alcohol?.used.spirits ?? ZERO),
        wine: formatExact(alcohol?.used.wine ?? ZERO),
        beer: formatExact(alcohol?.used.beer ?? ZERO),
      },
      tobaccoQuotaUsed: tobacco?.used
        ? { group: tobacco.used.group, quantity: formatExact(tobacco.used.quantity) }
        : null,
      items,
      totals: computeTotals(items.map((i) => i.lines)),
    },
  };
}

function checkUniqueIds(input: TravellerInput, problems: Problem[]): void {
  const seen = new Set<string>();
  for (const [section, list] of [
    ['goods', input.goods],
    ['alcohol', input.alcohol],
    ['tobacco', input.tobacco],
  ] as const) {
    list.forEach((item, i) => {
      if (typeof item.id !== 'string' || item.id === '') {
        problems.push(problem('INVALID_INPUT', [section, i, 'id'], 'Every item needs an id.'));
      } else if (seen.has(item.id)) {
        problems.push(problem('DUPLICATE_ITEM', [section, i, 'id'], `Item id ${item.id} is used twice.`));
      }
      seen.add(item.id);
    });
  }
}

function parsePrice(
  conversions: Conversions,
  item: { amount?: string | null; currency?: string | null },
  path: ProblemPath,
  problems: Problem[],
): ExciseGood['price'] {
  if (item.amount === null || item.amount === undefined) return null;
  const amount = amountAt(item.amount, path, 'amount', problems);
  const currency = currencyAt(item.currency, path, 'currency', problems);
  if (amount === null || currency === null) return null;
  const conversion = conversions.of(currency, [...path, 'currency']);
  const value = rounded(conversion.ref === null ? amount : times(amount, conversion.factor));
  return { value, original: item.amount, conversion };
}

function parseAlcohol(
  book: PreparedRateBook,
  date: IsoDate,
  conversions: Conversions,
  a: TravellerAlcoholInput,
  path: ProblemPath,
  problems: Problem[],
): AlcoholGood | null {
  if (!ALCOHOL_KINDS.includes(a.kind))
    problems.push(problem('INVALID_INPUT', [...path, 'kind'], 'Expected spirits, wine or beer.'));
  const litres = amountAt(a.litres, path, 'litres', problems);
  const strength = amountAt(a.strength, path, 'strength', problems);
  if (strength && compare(strength, integer(100)) > 0)
    problems.push(problem('INVALID_INPUT', [...path, 'strength'], 'At most 100 % vol.'));
  const price = parsePrice(conversions, a, path, problems);
  if (litres === null || strength === null || isZero(litres)) {
    if (litres && isZero(litres))
      problems.push(problem('INVALID_INPUT', [...path, 'litres'], 'Expected more than 0 litres.'));
    return null;
  }
  return {
    id: a.id,
    path,
    kind: a.kind,
    category: 'alcohol',
    total: litres,
    unit: 'l',
    strength,
    flatRate: flatRateFor(book, dayOf(date), a.kind, strength),
    price,
    eligible: false,
  };
}

function parseTobacco(
  book: PreparedRateBook,
  date: IsoDate,
  conversions: Conversions,
  t: TravellerTobaccoInput,
  path: ProblemPath,
  problems: Problem[],
): TobaccoGood | null {
  if (!TOBACCO_KINDS.includes(t.kind)) {
    problems.push(problem('INVALID_INPUT', [...path, 'kind'], 'Expected cigarettes, smoking-tobacco or snus.'));
    return null;
  }
  const qty = amountAt(t.quantity, path, 'quantity', problems);
  const price = parsePrice(conversions, t, path, problems);
  if (qty === null || isZero(qty)) {
    if (qty && isZero(qty))
      problems.push(problem('INVALID_INPUT', [...path, 'quantity'], 'Expected a quantity above 0.'));
    return null;
  }
  return {
    id: t.id,
    path,
    kind: t.kind,
    category: TOBACCO_CATEGORY[t.kind],
    total: qty,
    unit: t.kind === 'cigarettes' ? 'pcs' : 'g',
    strength: null,
    flatRate: flatRateFor(book, dayOf(date), t.kind, null),
    price,
  };
}
