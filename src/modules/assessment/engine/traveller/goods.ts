import { Decimal } from '../../../../shared/decimal.js';
import { customsValue } from '../customs-value.js';
import { info, type Money, money, nok } from '../explain.js';
import { assessGoodsItem, resolveGoods } from '../goods-item.js';
import type { TravellerGoodsInput } from '../inputs.js';
import type { Conversions, RuleContext } from '../lookup.js';
import { commodityCodeAt, currencyAt, decimalTextAt, ParsedGoodsItem } from '../parse.js';
import type { PreparedAmount } from '../prepared.js';
import { problem } from '../problems.js';
import type { AssessmentLine, TravellerItemAssessment } from '../results.js';
import { oreOf } from '../totals.js';
import { vatLine } from '../vat.js';
import { bestCover, MAX_ALLOWANCE_ITEMS } from './allowance.js';

/**
 * Goods other than alcohol and tobacco: each item's value in NOK (rounded to øre, at the rate in force
 * on the date of entry) counts against the value allowance, and the allowance covers the subset that
 * saves the most duty (allowance.ts). Items not covered are taxed on their whole value.
 *
 * Interpretation: a traveller's item with a commodity code pays the ordinary (TALL) duty and the VAT
 * of its class, as an ordinary import would (no preference: travellers' proof of origin is outside
 * the engine); an item without a code is treated as duty-free goods at the general VAT rate, which is
 * true of most goods travellers buy.
 */
export interface GoodsOutcome {
  items: TravellerItemAssessment[];
  usedNok: Decimal;
  coveredIds: string[];
}

export function assessTravellerGoods(
  ctx: RuleContext,
  conversions: Conversions,
  allowance: PreparedAmount,
  inputs: readonly TravellerGoodsInput[],
): GoodsOutcome | null {
  if (inputs.length > MAX_ALLOWANCE_ITEMS) {
    ctx.problems.push(
      problem('TOO_MANY_ITEMS', ['goods'], `At most ${MAX_ALLOWANCE_ITEMS} goods items per traveller.`),
    );
    return null;
  }
  const before = ctx.problems.length;
  const taxed: { id: string; value: Money; cvLine: AssessmentLine; lines: readonly AssessmentLine[] }[] = [];
  inputs.forEach((input, index) => {
    const path = ['goods', index];
    const amount = decimalTextAt(input.amount, path, 'amount', ctx.problems, true);
    const currency = currencyAt(input.currency, path, 'currency', ctx.problems);
    const code = input.commodityCode ?? null;
    const validCode = code === null ? null : commodityCodeAt(code, path, 'commodityCode', ctx.problems);
    const netMassKg = decimalTextAt(input.netMassKg, path, 'netMassKg', ctx.problems);
    const supplementary = decimalTextAt(input.supplementaryQuantity, path, 'supplementaryQuantity', ctx.problems);
    if (amount === null || currency === null || (code !== null && validCode === null)) return;
    const conversion = conversions.of(currency, [...path, 'currency']);
    const gctx = { ...ctx, conversion, vatPayable: true };

    if (validCode === null) {
      const cv = customsValue(amount, { customsText: amount, shareText: null }, conversion);
      const vat = vatLine(ctx, 'general', [{ label: 'value', value: cv.value }], true, undefined, path);
      if (vat) taxed.push({ id: input.id, value: cv.value, cvLine: cv.line, lines: [cv.line, vat.line] });
      return;
    }
    // Origin is irrelevant without a preference claim; 'ZZ' is the ISO code for "unknown".
    const item = new ParsedGoodsItem(index, index + 1, validCode, 'ZZ', null, netMassKg, supplementary, null, amount);
    const goods = resolveGoods(ctx, [item], 'goods')[0];
    if (goods === undefined) return;
    const assessed = assessGoodsItem(gctx, item, goods, path);
    const cvLine = assessed?.lines[0];
    if (assessed && cvLine) {
      taxed.push({ id: input.id, value: money(new Decimal(cvLine.amount)), cvLine, lines: assessed.lines });
    }
  });
  if (ctx.problems.length > before) return null;

  const capacity = oreOf(allowance.amount.toFixed(2));
  const weights = taxed.map((t) => ({
    weight: oreOf(t.value.fixed),
    profit: t.lines.reduce((sum, l) => (l.charge ? sum + oreOf(l.amount) : sum), 0n),
  }));
  const covered = new Set(bestCover(weights, capacity));
  let usedNok = new Decimal(0);
  for (const i of covered) usedNok = usedNok.plus((taxed[i] as (typeof taxed)[number]).value.amount);
  const used = money(usedNok);

  const items = taxed.map((t, i): TravellerItemAssessment => {
    if (!covered.has(i)) return { id: t.id, section: 'GOODS', lines: t.lines };
    const relief = info(
      'VALUE_ALLOWANCE',
      t.value,
      'TRAVELLER_VALUE_ALLOWANCE',
      `Covered by the value allowance of NOK ${allowance.ref.value} (${allowance.citation}); the covered goods use ${nok(used)} of it, chosen to save the most duty: no duty or VAT.`,
      { rates: allowance.refs, baseAmount: t.value.fixed },
    );
    return { id: t.id, section: 'GOODS', lines: [t.cvLine, relief] };
  });
  return {
    items,
    usedNok,
    coveredIds: [...covered].sort((a, b) => a - b).map((i) => (taxed[i] as (typeof taxed)[number]).id),
  };
}
