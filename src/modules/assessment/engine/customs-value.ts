import { Decimal } from '../../../shared/decimal.js';
import { scaledNumber } from './allocation.js';
import { lineOf, type Money, NO_RATES, rounded, roundedFixed } from './explain.js';
import { times } from './fixed-point.js';
import type { Conversion } from './lookup.js';
import type { AssessmentLine } from './results.js';

/**
 * Customs value in NOK: the invoice amount plus the item's share of freight and insurance to the
 * border, converted at the exchange rate in force on the date the complete declaration was received.
 *
 * Rounding decision: the customs value is itself an amount line, rounded half-up to øre, and every
 * percentage (duty, research levy) is applied to that rounded value. Why: the declarant sees the
 * rounded customs value on the assessment, and a client can then recompute each duty from a figure it
 * was shown, with no hidden digits. The difference to the unrounded value is below half an øre times
 * the rate.
 */

/** The customs value in the invoice currency, as decimal text (see consignment.ts). */
export interface CustomsBase {
  /** Invoice amount plus the share of freight and insurance. */
  customsText: string;
  /** The share, or null when the consignment has no freight or insurance. */
  shareText: string | null;
}

export function customsValue(
  invoiceText: string,
  base: CustomsBase,
  conversion: Conversion,
): { value: Money; line: AssessmentLine } {
  const ref = conversion.ref;
  // factor.times(text) parses the text once inside the multiplication: no separate decimal needed.
  const text = base.customsText;
  const factor = conversion.fixedFactor;
  const value = factor === null ? null : scaledNumber(text);
  const r =
    (factor !== null && value !== null && value.units >= 0 && roundedFixed(times(value, factor))) ||
    rounded(ref === null ? new Decimal(text) : conversion.factor.times(text));
  // The sentence is assembled from phrases built once per assessment: this runs for every item.
  const p = conversion.phrases;
  const sum =
    base.shareText === null
      ? p.invoice + invoiceText
      : p.invoice + invoiceText + p.share + base.shareText + p.sum + base.customsText;
  const explanation = `${sum + p.rate + r.text}.`;
  return {
    value: r,
    line: lineOf(
      'CUSTOMS_VALUE',
      r,
      false,
      false,
      ref === null ? 'CUSTOMS_VALUE_NOK' : 'CUSTOMS_VALUE_CONVERTED',
      explanation,
      NO_RATES,
      base.customsText,
      null,
      ref,
    ),
  };
}
