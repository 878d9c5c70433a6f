import { compare, divideByPowerOfTen, type Exact, integer, minus, plus, times, ZERO } from '../../../shared/money.js';
import { addMonths, rowsInForce } from './dates.js';
import { line, plain, quantity, type Rounded, rounded } from './explain.js';
import type { RuleContext } from './lookup.js';
import type { ParsedGoodsItem } from './parse.js';
import { type ProblemPath, problem } from './problems.js';
import type { PreparedAgeDeduction, PreparedElectricThreshold } from './rate-book/prepared-book.js';
import type { AssessmentLine, RateRef } from './results.js';

/**
 * One-off registration tax (engangsavgift) on motor vehicles, collected with the import: the weight
 * component, NOK per kg of kerb weight in each weight band (the first 500 kg are free in the seed
 * data), less the used-import age deduction.
 *
 * Age: a vehicle is "more than N months old" when the assessment date is after the day N months
 * after its first registration (anywhere); the deduction of the largest such N in force applies.
 * The weight component is summed exactly over the bands, the deduction applied to that sum, and the
 * result rounded once: one line, one rounding.
 *
 * Interpretation: the registration tax is not part of the VAT base (VAT is not charged on the
 * registration tax), so it is not added to the base in vat.ts.
 */
export function registrationTax(
  ctx: RuleContext,
  vehicle: ParsedGoodsItem['vehicle'],
  path: ProblemPath,
): { value: Rounded; line: AssessmentLine } | null {
  if (vehicle === null) {
    ctx.problems.push(
      problem(
        'VEHICLE_DATA_REQUIRED',
        [...path, 'vehicle'],
        'A motor vehicle needs its kerb weight and first registration date.',
      ),
    );
    return null;
  }
  const bands = rowsInForce(ctx.book.vehicle.weightBands, ctx.day).sort((a, b) => compare(a.fromKg, b.fromKg));
  if (bands.length === 0) {
    ctx.problems.push(
      problem(
        'VEHICLE_RATE_MISSING',
        [...path, 'vehicle'],
        `No registration tax weight rates in force on ${ctx.date}.`,
      ),
    );
    return null;
  }
  const first = vehicle.firstRegisteredOn;
  if (first !== null && first > ctx.date) {
    ctx.problems.push(
      problem(
        'INVALID_INPUT',
        [...path, 'vehicle', 'firstRegisteredOn'],
        'First registration is after the assessment date.',
      ),
    );
    return null;
  }

  const weight = vehicle.kerbWeightKg;
  let weightTax: Exact = ZERO;
  const parts: string[] = [];
  const rates: RateRef[] = [];
  for (const band of bands) {
    const upper = band.toKg === null || compare(weight, band.toKg) < 0 ? weight : band.toKg;
    const kg = minus(upper, band.fromKg);
    if (kg.units <= 0n) continue;
    weightTax = plus(weightTax, times(kg, band.perKg));
    parts.push(`${plain(kg)} kg above ${plain(band.fromKg)} kg × NOK ${plain(band.perKg)} (${band.citation})`);
    rates.push(band.ref);
  }
  const weightText = parts.length === 0 ? 'no kg above the free weight' : parts.join(' + ');

  const deduction =
    first === null ? undefined : ageDeduction(rowsInForce(ctx.book.vehicle.ageDeductions, ctx.day), first, ctx.date);
  let exact = weightTax;
  let deductionText = first === null ? '; new vehicle, no age deduction' : '; no age deduction applies';
  if (deduction !== undefined) {
    exact = divideByPowerOfTen(times(weightTax, minus(integer(100), deduction.percent)), 2);
    deductionText = `; used import first registered ${first}, more than ${deduction.ageOverMonths} months old: age deduction ${plain(deduction.percent)} % (${deduction.citation}), ${plain(weightTax)} × (100 − ${plain(deduction.percent)}) / 100`;
    rates.push(deduction.ref);
  }
  const r = rounded(exact);
  return {
    value: r,
    line: line({
      kind: 'REGISTRATION_TAX',
      amount: r,
      charge: true,
      payable: true,
      rule: 'REGISTRATION_TAX_WEIGHT',
      explanation: `Registration tax, weight component for kerb weight ${plain(weight)} kg: ${weightText} = ${plain(weightTax)}${deductionText} ${r.text}.`,
      rates,
      quantity: quantity(weight, 'kg'),
    }),
  };
}

function ageDeduction(
  rows: PreparedAgeDeduction[],
  firstRegisteredOn: string,
  date: string,
): PreparedAgeDeduction | undefined {
  let best: PreparedAgeDeduction | undefined;
  for (const row of rows) {
    if (
      addMonths(firstRegisteredOn, row.ageOverMonths) < date &&
      (best === undefined || row.ageOverMonths > best.ageOverMonths)
    ) {
      best = row;
    }
  }
  return best;
}

/** The electric-car VAT threshold that applies to a commodity code, if any (longest prefix wins). */
export function electricThreshold(ctx: RuleContext, commodityCode: string): PreparedElectricThreshold | undefined {
  let best: PreparedElectricThreshold | undefined;
  for (const row of rowsInForce(ctx.book.vehicle.electricThresholds, ctx.day)) {
    if (
      commodityCode.startsWith(row.commodityPrefix) &&
      (!best || row.commodityPrefix.length > best.commodityPrefix.length)
    ) {
      best = row;
    }
  }
  return best;
}
