import { parseConsignment } from './consignment.js';
import { dayOf } from './dates.js';
import { assessGoodsItem, type GoodsContext, resolveGoods } from './goods-item.js';
import type { DeclarationInput } from './inputs.js';
import type { PreparedRateBook } from './prepared.js';
import { type Problem, problem } from './problems.js';
import type { AssessmentResult, DeclarationAssessment, ItemAssessment } from './results.js';
import { computeTotals } from './totals.js';

/**
 * Assesses an import declaration: every goods item at the rates in force on the date the complete
 * declaration was received. VAT is payable to customs unless the importer is VAT-registered, in which
 * case it is shown and reported in the VAT return. Pure: same book and input, same result.
 */
export function assessDeclaration(
  book: PreparedRateBook,
  input: DeclarationInput,
): AssessmentResult<DeclarationAssessment> {
  const problems: Problem[] = [];
  if (typeof input.importerVatRegistered !== 'boolean') {
    problems.push(problem('INVALID_INPUT', ['importerVatRegistered'], 'Expected true or false.'));
  }
  const consignment = parseConsignment(book, input, problems);
  if (consignment === null) return { ok: false, problems };

  const ctx: GoodsContext = {
    book,
    date: consignment.date,
    day: dayOf(consignment.date),
    problems,
    conversion: consignment.conversion,
    vatPayable: !input.importerVatRegistered,
  };
  const resolved = resolveGoods(ctx, consignment.items, 'items');
  const items: ItemAssessment[] = [];
  consignment.items.forEach((item, i) => {
    const goods = resolved[i];
    const assessed = goods && assessGoodsItem(ctx, item, goods, ['items', item.index]);
    if (assessed) items.push(assessed);
  });
  if (problems.length > 0) return { ok: false, problems };

  return {
    ok: true,
    assessment: {
      kind: 'IMPORT',
      receivedOn: consignment.date,
      invoiceCurrency: consignment.conversion.currency,
      exchangeRate: consignment.conversion.ref,
      importerVatRegistered: input.importerVatRegistered,
      items,
      totals: computeTotals(items.map((i) => i.lines)),
    },
  };
}
