import { type Exact, formatExact, times } from '../../../shared/money.js';
import { info, type Rounded, rounded } from './explain.js';
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

/** An item's customs value in the invoice currency, before conversion. */
export interface CustomsBase {
  /** The invoice amount as given. */
  invoiceText: string;
  /** Invoice amount plus the share of freight and insurance. */
  value: Exact;
  /** The share, or null when the consignment has no freight or insurance. */
  share: Exact | null;
}

export function customsValue(base: CustomsBase, conversion: Conversion): { value: Rounded; line: AssessmentLine } {
  const ref = conversion.ref;
  const value = rounded(ref === null ? base.value : times(base.value, conversion.factor));
  const valueText = base.share === null ? base.invoiceText : formatExact(base.value);
  // The sentence is assembled from phrases built once per assessment: this runs for every item.
  const p = conversion.phrases;
  const sum =
    base.share === null
      ? p.invoice + base.invoiceText
      : p.invoice + base.invoiceText + p.share + formatExact(base.share) + p.sum + valueText;
  return {
    value,
    line: info({
      kind: 'CUSTOMS_VALUE',
      amount: value,
      rule: ref === null ? 'CUSTOMS_VALUE_NOK' : 'CUSTOMS_VALUE_CONVERTED',
      explanation: `${sum + p.rate + value.text}.`,
      baseAmount: valueText,
      baseCurrency: conversion.currency,
      exchangeRate: ref,
    }),
  };
}
