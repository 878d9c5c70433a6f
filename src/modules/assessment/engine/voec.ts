import { compare, times } from '../../../shared/money.js';
import type { Relief } from './consignment.js';
import { rowInForce } from './dates.js';
import { info, nok, rounded } from './explain.js';
import type { GoodsContext } from './goods-item.js';
import { conversionPhrase } from './lookup.js';
import type { ParsedGoodsItem } from './parse.js';
import { problem } from './problems.js';
import type { PreparedAmount, PreparedCommodity } from './rate-book/prepared-book.js';
import type { AssessmentLine } from './results.js';

/**
 * VOEC (the VAT on e-commerce scheme): when the seller is registered in the scheme and its VOEC
 * number was passed on, an item whose own value (invoice amount, excluding freight and insurance) is
 * under the limit (NOK 3,000) passes without duty or VAT, because VAT was charged at checkout. Food,
 * restricted goods (a permit agency on the commodity) and goods with excise duties are outside the
 * scheme and taxed. Every other item is taxed from the first krone (there is no low-value exemption).
 * Interpretation: freight and insurance are allocated over all items by value; the share of a
 * covered item is part of the VOEC sale and not taxed at the border.
 */
export function voecRelief(voecNumber: string): (ctx: GoodsContext) => Relief {
  return (ctx) => {
    const rule = rowInForce(ctx.book.voec, ctx.day);
    if (rule === undefined) {
      ctx.problems.push(problem('VOEC_RULE_MISSING', ['voecNumber'], `No VOEC rule is in force on ${ctx.date}.`));
      return () => null;
    }
    return (item, commodity) => voecLines(ctx, voecNumber, rule, item, commodity);
  };
}

function voecLines(
  ctx: GoodsContext,
  voecNumber: string,
  rule: PreparedAmount,
  item: ParsedGoodsItem,
  commodity: PreparedCommodity,
): AssessmentLine[] | null {
  if (commodity.vatClass === 'food' || commodity.restrictedBy !== null || commodity.exciseCategory !== null) {
    return null;
  }
  const c = ctx.conversion;
  const value = rounded(c.ref === null ? item.invoiceAmount : times(item.invoiceAmount, c.factor));
  if (compare({ units: value.ore, scale: 2 }, rule.amount) >= 0) return null;
  const converted = c.ref === null ? '' : ` ${conversionPhrase(c.ref)}`;
  return [
    info({
      kind: 'CUSTOMS_VALUE',
      amount: value,
      rule: c.ref === null ? 'CUSTOMS_VALUE_NOK' : 'CUSTOMS_VALUE_CONVERTED',
      explanation: `Item value excluding freight and insurance: ${c.currency} ${item.invoiceText}${converted} ${value.text}.`,
      baseAmount: item.invoiceText,
      baseCurrency: c.currency,
      exchangeRate: c.ref,
    }),
    info({
      kind: 'VOEC_RELIEF',
      amount: value,
      rule: 'VOEC_COVERED',
      explanation: `Sold under VOEC number ${voecNumber}: the item value ${nok(value)} is under NOK ${rule.ref.value} (${rule.citation}) and the goods are not food, restricted or subject to excise, so VAT was paid at checkout and no duty or VAT is due at the border.`,
      rates: rule.refs,
      baseAmount: value.fixed,
    }),
  ];
}
