import { Timeline } from './dates.js';
import type {
  PreparedAgeDeduction,
  PreparedAgeLimit,
  PreparedElectricThreshold,
  PreparedFlatRate,
  PreparedRateBook,
  PreparedTobaccoQuota,
  PreparedWeightBand,
} from './prepared.js';
import { type Preparer, window } from './preparer.js';
import type { TravellerRules, VehicleTaxRules } from './types.js';

/** Preparation of the traveller and vehicle tables (split from prepare.ts to keep files small). */

export function prepareTravellerRules(p: Preparer, rules: TravellerRules): PreparedRateBook['traveller'] {
  const allowances = p.index(
    'travellerRules.allowances',
    rules.allowances,
    (r) => (r.awayOver24Hours ? 'over24h' : 'under24h'),
    (r, at) => p.amount('TRAVELLER_ALLOWANCE', r, r.amountNok, 'NOK', `${at}.amountNok`),
  );
  const alcoholQuotas = p.index(
    'travellerRules.alcoholQuotas',
    rules.alcoholQuotas,
    (r) => r.kind,
    (r, at) => p.amount('ALCOHOL_QUOTA', r, r.litres, 'LITRES', `${at}.litres`),
  );
  const alcoholAgeLimits = p.list(
    'travellerRules.alcoholAgeLimits',
    rules.alcoholAgeLimits,
    (r) => r.strengthAbove,
    (r, at): PreparedAgeLimit => {
      const strengthAbove = p.decimal(r.strengthAbove, `${at}.strengthAbove`);
      if (!Number.isInteger(r.minimumAge)) p.issues.push(`${at}: minimumAge must be a whole number`);
      return {
        ...window(r),
        strengthAbove,
        minimumAge: r.minimumAge,
        ...p.cited('ALCOHOL_QUOTA', r.id, strengthAbove, 'MINIMUM_AGE_ABOVE_STRENGTH', r),
      };
    },
  );
  const tobaccoQuotas = p.list(
    'travellerRules.tobaccoQuotas',
    rules.tobaccoQuotas,
    (r) => r.group,
    (r, at): PreparedTobaccoQuota => ({
      ...p.amount('TOBACCO_QUOTA', r, r.quantity, r.group === 'cigarettes' ? 'PIECES' : 'GRAMS', `${at}.quantity`),
      group: r.group,
      minimumAge: r.minimumAge,
    }),
  );
  const simplifiedLimits = p.index(
    'travellerRules.simplifiedLimits',
    rules.simplifiedLimits,
    (r) => r.group,
    (r, at) => {
      const unit = r.group === 'cigarettes' ? 'PIECES' : r.group === 'other-tobacco' ? 'GRAMS' : 'LITRES';
      return p.amount('SIMPLIFIED_LIMIT', r, r.quantity, unit, `${at}.quantity`);
    },
  );
  const flatRates = regroupByKind(
    p.list(
      'travellerRules.flatRates',
      rules.flatRates,
      (r) => `${r.kind}|${r.strengthBand?.from ?? ''}`,
      (r, at): PreparedFlatRate => {
        const value = p.decimal(r.value, `${at}.value`);
        return {
          ...window(r),
          kind: r.kind,
          per: r.per,
          band: p.band(r.strengthBand, `${at}.strengthBand`),
          value,
          ...p.cited('FLAT_RATE', r.id, value, `PER_${r.per}`, r),
        };
      },
    ),
  );
  return { allowances, alcoholQuotas, alcoholAgeLimits, tobaccoQuotas, simplifiedLimits, flatRates };
}

function regroupByKind(timeline: Timeline<PreparedFlatRate>): Map<string, Timeline<PreparedFlatRate>> {
  const lists = new Map<string, PreparedFlatRate[]>();
  for (const row of timeline.rows) {
    const list = lists.get(row.kind);
    if (list) list.push(row);
    else lists.set(row.kind, [row]);
  }
  return new Map([...lists].map(([kind, rows]) => [kind, new Timeline(rows)]));
}

export function prepareVehicleRules(p: Preparer, rules: VehicleTaxRules): PreparedRateBook['vehicle'] {
  const weightBands = p.list(
    'vehicleTax.weightBands',
    rules.weightBands,
    (r) => r.fromKg,
    (r, at): PreparedWeightBand => {
      const perKg = p.decimal(r.perKg, `${at}.perKg`);
      return {
        ...window(r),
        fromKg: p.decimal(r.fromKg, `${at}.fromKg`),
        toKg: r.toKg === null ? null : p.decimal(r.toKg, `${at}.toKg`),
        perKg,
        ...p.cited('VEHICLE_WEIGHT', r.id, perKg, 'PER_KG', r),
      };
    },
  );
  const ageDeductions = p.list(
    'vehicleTax.ageDeductions',
    rules.ageDeductions,
    (r) => String(r.ageOverMonths),
    (r, at): PreparedAgeDeduction => {
      if (!Number.isInteger(r.ageOverMonths) || r.ageOverMonths < 0) {
        p.issues.push(`${at}: ageOverMonths must be a whole number of months`);
      }
      return { ...p.percent('VEHICLE_AGE_DEDUCTION', r, r.percent, `${at}.percent`), ageOverMonths: r.ageOverMonths };
    },
  );
  const electricThresholds = p.list(
    'vehicleTax.electricVatThresholds',
    rules.electricVatThresholds,
    (r) => r.commodityPrefix,
    (r, at): PreparedElectricThreshold => ({
      ...p.amount('ELECTRIC_VAT_THRESHOLD', r, r.thresholdNok, 'NOK', `${at}.thresholdNok`),
      commodityPrefix: r.commodityPrefix,
    }),
  );
  return { weightBands, ageDeductions, electricThresholds };
}
