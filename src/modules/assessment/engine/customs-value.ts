import { type Exact, formatExact, formatMoney, roundToOre, times } from '../../../shared/money.js';
import { info, type Rounded, rounded, whole } from './explain.js';
import type { Conversion } from './lookup.js';
import type { AssessmentLine, ExchangeRateRef } from './results.js';

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
  /** The share, or null when the consignment has no freight or insurance in the invoice currency. */
  share: Exact | null;
  /**
   * The share in NOK øre, when freight or insurance was paid in another currency than the invoice:
   * then `value` is the invoice amount alone, converted on its own, and the share is added in NOK.
   */
  nokShare?: Exact;
  /** Every exchange rate the value rests on (invoice, freight, insurance), with `nokShare`. */
  exchangeRates?: readonly ExchangeRateRef[];
}

export function customsValue(base: CustomsBase, conversion: Conversion): { value: Rounded; line: AssessmentLine } {
  if (base.nokShare !== undefined) return customsValueInNok(base, base.nokShare, conversion);
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

/**
 * "Invoice amount EUR 10000 × 11.6 NOK per 1 EUR (exchange rate …) = NOK 116000.00 + share of freight
 * and insurance NOK 5000.00 (allocated by invoice value) = NOK 121000.00; customs value = NOK 121000.00."
 * The share's own exchange rates are cited in the basis, not in the item's sentence: the sentence
 * stays readable by a reader who may not see the consignment's freight.
 */
function customsValueInNok(
  base: CustomsBase,
  share: Exact,
  conversion: Conversion,
): { value: Rounded; line: AssessmentLine } {
  const ref = conversion.ref;
  const invoiceNok = rounded(ref === null ? base.value : times(base.value, conversion.factor));
  const value = whole(invoiceNok.ore + roundToOre(share));
  const converted =
    ref === null
      ? ''
      : ` × ${ref.rate} NOK per ${ref.unit} ${ref.currency} (exchange rate ${ref.id} in force on ${ref.date}) ${invoiceNok.text}`;
  return {
    value,
    line: info({
      kind: 'CUSTOMS_VALUE',
      amount: value,
      rule: ref === null ? 'CUSTOMS_VALUE_NOK' : 'CUSTOMS_VALUE_CONVERTED',
      explanation:
        `Invoice amount ${conversion.currency} ${base.invoiceText}${converted} + share of freight and insurance ` +
        `NOK ${formatMoney(roundToOre(share))} (allocated by invoice value) = NOK ${value.fixed}; customs value ${value.text}.`,
      baseAmount: base.invoiceText,
      baseCurrency: conversion.currency,
      exchangeRate: ref,
      exchangeRates: base.exchangeRates ?? (ref === null ? [] : [ref]),
    }),
  };
}
