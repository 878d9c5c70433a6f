import { customsValue } from './customs-value.js';
import { rowInForce } from './dates.js';
import { customsDuty } from './duty.js';
import { exciseLine } from './excise.js';
import { type Conversion, commodityOn, type RuleContext } from './lookup.js';
import { packagingLines } from './packaging.js';
import type { ParsedGoodsItem } from './parse.js';
import type { PreparedCommodity, PreparedDutyRate } from './prepared.js';
import type { ProblemPath } from './problems.js';
import { measure } from './quantities.js';
import { researchLevy } from './research-levy.js';
import type { AssessmentLine, ItemAssessment } from './results.js';
import { type VatBasePart, vatLine } from './vat.js';
import { electricThreshold, registrationTax } from './vehicle.js';

/** A goods item's commodity version and ordinary duty rate on the date. */
export interface ResolvedGoods {
  commodity: PreparedCommodity;
  ordinary: PreparedDutyRate | undefined;
  /** The ordinary rate is 0 %: the common case, which needs no arithmetic. */
  ordinaryFree: boolean;
}

/**
 * Looks up the commodity and ordinary duty rate of every item before any arithmetic. Why a separate
 * pass: the rate book is large and read at random, so each lookup can wait on memory; in one tight
 * loop the processor overlaps those waits across items, where inside each item's arithmetic it would
 * wait for them one at a time. Unknown codes are reported here (undefined in the result).
 */
export function resolveGoods(
  ctx: RuleContext,
  items: readonly { commodityCode: string; index: number }[],
  section: string,
): (ResolvedGoods | undefined)[] {
  const resolved: (ResolvedGoods | undefined)[] = [];
  for (const item of items) {
    const commodity = commodityOn(ctx, item.commodityCode, section, item.index);
    if (commodity === undefined) {
      resolved.push(undefined);
      continue;
    }
    const latest = commodity.ordinaryLatest;
    const ordinary =
      latest !== undefined && latest.fromDay <= ctx.day && latest.toDay >= ctx.day
        ? latest
        : rowInForce(commodity.ordinaryDuty, ctx.day);
    resolved.push({
      commodity,
      ordinary,
      ordinaryFree: ordinary !== undefined && ordinary.kind === 'PERCENT' && ordinary.zero,
    });
  }
  return resolved;
}

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
  resolved: ResolvedGoods,
  path: ProblemPath,
): ItemAssessment | null {
  const commodity = resolved.commodity;
  const before = ctx.problems.length;
  const cv = customsValue(item.invoiceText, item, ctx.conversion);
  const lines: AssessmentLine[] = [cv.line];
  const base: VatBasePart[] = [{ label: 'customs value', value: cv.value }];

  const duty = customsDuty(ctx, resolved, item, cv.value, true, path);
  if (duty) {
    lines.push(duty.line);
    base.push({ label: 'customs duty', value: duty.value });
  }

  const levy = commodity.researchLevy && researchLevy(ctx, commodity.code, commodity.researchLevy, cv.value, true);
  if (levy) {
    lines.push(levy.line);
    base.push({ label: 'research levy', value: levy.value });
  }

  const category = commodity.exciseCategory;
  const isVehicle = category === 'vehicle';
  if (isVehicle) {
    // Not added to the VAT base: see vehicle.ts.
    const tax = registrationTax(ctx, item.vehicle, true, path);
    if (tax) lines.push(tax.line);
  } else if (category !== null) {
    const excise = exciseLine(ctx, category, item.alcoholStrength, (m) => measure(item, commodity.unit, m), true, path);
    if (excise) {
      lines.push(excise.line);
      base.push({ label: 'excise duty', value: excise.value });
    }
  }

  if (item.packaging) {
    const packaging = packagingLines(ctx, item.packaging, true, path);
    if (packaging) {
      lines.push(...packaging.lines);
      base.push({ label: 'packaging taxes', value: packaging.value });
    }
  }

  const electric = isVehicle ? electricThreshold(ctx, commodity.code) : undefined;
  const vat = vatLine(ctx, commodity.vatClass, base, ctx.vatPayable, electric, path);
  if (vat) lines.push(vat.line);

  if (ctx.problems.length > before || duty === null) return null;
  return { itemNumber: item.itemNumber, commodityCode: commodity.code, countryGroup: duty.countryGroup, lines };
}
