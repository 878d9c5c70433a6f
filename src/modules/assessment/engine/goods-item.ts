import { customsDuty } from './customs-duty.js';
import { type CustomsBase, customsValue } from './customs-value.js';
import { exciseLine } from './excise.js';
import type { Conversion, RuleContext } from './lookup.js';
import { packagingLines } from './packaging.js';
import type { ParsedGoodsItem } from './parse.js';
import { measure } from './quantities.js';
import type { PreparedCommodity } from './rate-book/prepared-book.js';
import { electricThreshold, registrationTax } from './registration-tax.js';
import { researchLevy } from './research-levy.js';
import type { AssessmentLine, ItemAssessment } from './results.js';
import { type VatBasePart, vatLine } from './vat.js';

export interface GoodsContext extends RuleContext {
  conversion: Conversion;
  /** False for VAT-registered importers, who report import VAT in their VAT return. */
  vatPayable: boolean;
}

/**
 * Assesses one goods item in the order the law builds the amounts: customs value, customs duty,
 * research levy, excise duties (or registration tax for vehicles), packaging taxes, then VAT on the
 * sum of all of them. Every rule runs even after another failed, so all problems of the item are
 * reported together; null when there was any.
 */
export function assessGoodsItem(
  ctx: GoodsContext,
  item: ParsedGoodsItem,
  base: CustomsBase,
  commodity: PreparedCommodity,
): ItemAssessment | null {
  const path = item.path;
  const before = ctx.problems.length;
  const cv = customsValue(base, ctx.conversion);
  const lines: AssessmentLine[] = [cv.line];
  const vatBase: VatBasePart[] = [{ label: 'customs value', value: cv.value }];

  const duty = customsDuty(ctx, { commodity, item, customsValue: cv.value });
  if (duty) {
    lines.push(duty.line);
    vatBase.push({ label: 'customs duty', value: duty.value });
  }

  const levy = researchLevy(ctx, commodity, cv.value);
  if (levy) {
    lines.push(levy.line);
    vatBase.push({ label: 'research levy', value: levy.value });
  }

  const category = commodity.exciseCategory;
  const isVehicle = category === 'vehicle';
  if (isVehicle) {
    // Not added to the VAT base: see registration-tax.ts.
    const tax = registrationTax(ctx, item.vehicle, path);
    if (tax) lines.push(tax.line);
  } else if (category !== null) {
    const excise = exciseLine(ctx, {
      category,
      strength: item.alcoholStrength,
      measureOf: (m) => measure(item, commodity.unit, m),
      payable: true,
      path,
    });
    if (excise) {
      lines.push(excise.line);
      vatBase.push({ label: 'excise duty', value: excise.value });
    }
  }

  if (item.packaging) {
    const packaging = packagingLines(ctx, item.packaging, path);
    if (packaging) {
      lines.push(...packaging.lines);
      vatBase.push({ label: 'packaging taxes', value: packaging.value });
    }
  }

  const vat = vatLine(ctx, {
    vatClass: commodity.vatClass,
    parts: vatBase,
    payable: ctx.vatPayable,
    electric: isVehicle ? electricThreshold(ctx, commodity.code) : undefined,
    path,
  });
  if (vat) lines.push(vat.line);

  if (ctx.problems.length > before || duty === null) return null;
  return { itemNumber: item.itemNumber, commodityCode: commodity.code, countryGroup: duty.countryGroup, lines };
}
