import type { Decimal } from '../../../shared/decimal.js';
import { parseConsignment } from './consignment.js';
import { dayOf, rowInForce } from './dates.js';
import { info, nok, rounded } from './explain.js';
import { assessGoodsItem, type GoodsContext, resolveGoods } from './goods-item.js';
import type { PrivateImportInput } from './inputs.js';
import type { PreparedAmount, PreparedRateBook } from './prepared.js';
import { type Problem, problem } from './problems.js';
import type { AssessmentResult, ItemAssessment, PrivateImportAssessment } from './results.js';
import { computeTotals } from './totals.js';
import type { CommodityRow } from './types.js';

/**
 * Assesses a private person's online purchase. Private persons always pay VAT at the border.
 *
 * VOEC: when the seller is registered in the VOEC scheme and its VOEC number was passed on, an item
 * whose own value (invoice amount, excluding freight and insurance) is under the limit (NOK 3,000)
 * passes without duty or VAT, because VAT was charged at checkout. Food, restricted goods (a permit
 * agency on the commodity) and goods with excise duties are outside the scheme and taxed. Every other
 * item is taxed from the first krone (there is no low-value exemption).
 * Interpretation: freight and insurance are allocated over all items by value; the share of a
 * covered item is part of the VOEC sale and not taxed at the border.
 */
export function assessPrivateImport(
  book: PreparedRateBook,
  input: PrivateImportInput,
): AssessmentResult<PrivateImportAssessment> {
  const problems: Problem[] = [];
  const voecNumber = input.voecNumber;
  if (voecNumber !== null && (typeof voecNumber !== 'string' || voecNumber.trim() === '')) {
    problems.push(problem('INVALID_INPUT', ['voecNumber'], 'Expected the seller\u2019s VOEC number or null.'));
  }
  const consignment = parseConsignment(book, input, problems);
  if (consignment === null) return { ok: false, problems };

  const ctx: GoodsContext = {
    book,
    date: consignment.date,
    day: dayOf(consignment.date),
    problems,
    conversion: consignment.conversion,
    vatPayable: true,
  };
  let voec: PreparedAmount | undefined;
  if (voecNumber) {
    voec = rowInForce(book.voec, ctx.day);
    if (voec === undefined)
      problems.push(problem('VOEC_RULE_MISSING', ['voecNumber'], `No VOEC rule is in force on ${ctx.date}.`));
  }

  const resolved = resolveGoods(ctx, consignment.items, 'items');
  const items: ItemAssessment[] = [];
  consignment.items.forEach((item, i) => {
    const goods = resolved[i];
    if (goods === undefined) return;
    const commodity = goods.commodity;
    const covered =
      voec && voecNumber ? voecCovered(ctx, commodity, item.invoiceAmount, item.invoiceText, voec, voecNumber) : null;
    if (covered) {
      items.push({ itemNumber: item.itemNumber, commodityCode: commodity.code, countryGroup: 'TALL', lines: covered });
      return;
    }
    const assessed = assessGoodsItem(ctx, item, goods, ['items', item.index]);
    if (assessed) items.push(assessed);
  });
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    assessment: {
      kind: 'PRIVATE_IMPORT',
      receivedOn: consignment.date,
      invoiceCurrency: consignment.conversion.currency,
      exchangeRate: consignment.conversion.ref,
      voecNumber,
      items,
      totals: computeTotals(items.map((i) => i.lines)),
    },
  };
}

/** The lines of an item the VOEC scheme covers, or null when the scheme does not cover it. */
function voecCovered(
  ctx: GoodsContext,
  commodity: CommodityRow,
  invoiceAmount: Decimal,
  invoiceText: string,
  rule: PreparedAmount,
  voecNumber: string,
): ItemAssessment['lines'] | null {
  if (commodity.vatClass === 'food' || commodity.restrictedBy !== null || commodity.exciseCategory !== null)
    return null;
  const c = ctx.conversion;
  const value = rounded(c.ref === null ? invoiceAmount : invoiceAmount.times(c.factor));
  if (!value.amount.lt(rule.amount)) return null;
  const converted =
    c.ref === null
      ? ''
      : ` × ${c.ref.rate} NOK per ${c.ref.unit} ${c.currency} (exchange rate ${c.ref.id} in force on ${c.ref.date})`;
  return [
    info(
      'CUSTOMS_VALUE',
      value,
      c.ref === null ? 'CUSTOMS_VALUE_NOK' : 'CUSTOMS_VALUE_CONVERTED',
      `Item value excluding freight and insurance: ${c.currency} ${invoiceText}${converted} ${value.text}.`,
      { baseAmount: invoiceText, exchangeRate: c.ref },
    ),
    info(
      'VOEC_RELIEF',
      value,
      'VOEC_COVERED',
      `Sold under VOEC number ${voecNumber}: the item value ${nok(value)} is under NOK ${rule.ref.value} (${rule.citation}) and the goods are not food, restricted or subject to excise, so VAT was paid at checkout and no duty or VAT is due at the border.`,
      { rates: rule.refs, baseAmount: value.fixed },
    ),
  ];
}
