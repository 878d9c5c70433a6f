import { Timeline } from '../dates.js';
import type { TravellerRules, VehicleTaxRules } from '../types.js';
import type {
  PreparedAgeDeduction,
  PreparedAgeLimit,
  PreparedElectricThreshold,
  PreparedFlatRate,
  PreparedRateBook,
  PreparedTobaccoQuota,
  PreparedWeightBand,
} from './prepared-book.js';
import { type RowReader, window } from './rows.js';

/** The traveller's allowance, quotas, limits and flat rates. */
export function prepareTravellerRules(r: RowReader, rules: TravellerRules): PreparedRateBook['traveller'] {
  const allowances = r.index(
    'travellerRules.allowances',
    rules.allowances,
    (row) => (row.awayOver24Hours ? 'over24h' : 'under24h'),
    (row, at) => r.amount('TRAVELLER_ALLOWANCE', row, row.amountNok, 'NOK', `${at}.amountNok`),
  );
  const alcoholQuotas = r.index(
    'travellerRules.alcoholQuotas',
    rules.alcoholQuotas,
    (row) => row.kind,
    (row, at) => r.amount('ALCOHOL_QUOTA', row, row.litres, 'LITRES', `${at}.litres`),
  );
  const alcoholAgeLimits = r.list(
    'travellerRules.alcoholAgeLimits',
    rules.alcoholAgeLimits,
    (row) => row.strengthAbove,
    (row, at): PreparedAgeLimit => {
      const strengthAbove = r.decimal(row.strengthAbove, `${at}.strengthAbove`);
      if (!Number.isInteger(row.minimumAge)) r.issues.push(`${at}: minimumAge must be a whole number`);
      return {
        ...window(row),
        strengthAbove,
        minimumAge: row.minimumAge,
        ...r.cited({
          table: 'ALCOHOL_QUOTA',
          id: row.id,
          value: strengthAbove,
          kind: 'MINIMUM_AGE_ABOVE_STRENGTH',
          row,
        }),
      };
    },
  );
  const tobaccoQuotas = r.list(
    'travellerRules.tobaccoQuotas',
    rules.tobaccoQuotas,
    (row) => row.group,
    (row, at): PreparedTobaccoQuota => ({
      ...r.amount(
        'TOBACCO_QUOTA',
        row,
        row.quantity,
        row.group === 'cigarettes' ? 'PIECES' : 'GRAMS',
        `${at}.quantity`,
      ),
      group: row.group,
      minimumAge: row.minimumAge,
    }),
  );
  const simplifiedLimits = r.index(
    'travellerRules.simplifiedLimits',
    rules.simplifiedLimits,
    (row) => row.group,
    (row, at) => {
      const unit = row.group === 'cigarettes' ? 'PIECES' : row.group === 'other-tobacco' ? 'GRAMS' : 'LITRES';
      return r.amount('SIMPLIFIED_LIMIT', row, row.quantity, unit, `${at}.quantity`);
    },
  );
  const flatRates = byKind(
    r.list(
      'travellerRules.flatRates',
      rules.flatRates,
      (row) => `${row.kind}|${row.strengthBand?.from ?? ''}`,
      (row, at): PreparedFlatRate => {
        const value = r.decimal(row.value, `${at}.value`);
        return {
          ...window(row),
          kind: row.kind,
          per: row.per,
          band: r.band(row.strengthBand, `${at}.strengthBand`),
          value,
          ...r.cited({ table: 'FLAT_RATE', id: row.id, value, kind: `PER_${row.per}`, row }),
        };
      },
    ),
  );
  return { allowances, alcoholQuotas, alcoholAgeLimits, tobaccoQuotas, simplifiedLimits, flatRates };
}

function byKind(timeline: Timeline<PreparedFlatRate>): Map<string, Timeline<PreparedFlatRate>> {
  const lists = new Map<string, PreparedFlatRate[]>();
  for (const row of timeline.rows) {
    const list = lists.get(row.kind);
    if (list) list.push(row);
    else lists.set(row.kind, [row]);
  }
  return new Map([...lists].map(([kind, rows]) => [kind, new Timeline(rows)]));
}

/** The registration tax's weight bands and age deductions, and the electric-car VAT thresholds. */
export function prepareVehicleRules(r: RowReader, rules: VehicleTaxRules): PreparedRateBook['vehicle'] {
  const weightBands = r.list(
    'vehicleTax.weightBands',
    rules.weightBands,
    (row) => row.fromKg,
    (row, at): PreparedWeightBand => {
      const perKg = r.decimal(row.perKg, `${at}.perKg`);
      return {
        ...window(row),
        fromKg: r.decimal(row.fromKg, `${at}.fromKg`),
        toKg: row.toKg === null ? null : r.decimal(row.toKg, `${at}.toKg`),
        perKg,
        ...r.cited({ table: 'VEHICLE_WEIGHT', id: row.id, value: perKg, kind: 'PER_KG', row }),
      };
    },
  );
  const ageDeductions = r.list(
    'vehicleTax.ageDeductions',
    rules.ageDeductions,
    (row) => String(row.ageOverMonths),
    (row, at): PreparedAgeDeduction => {
      if (!Number.isInteger(row.ageOverMonths) || row.ageOverMonths < 0) {
        r.issues.push(`${at}: ageOverMonths must be a whole number of months`);
      }
      return {
        ...r.percent('VEHICLE_AGE_DEDUCTION', row, row.percent, `${at}.percent`),
        ageOverMonths: row.ageOverMonths,
      };
    },
  );
  const electricThresholds = r.list(
    'vehicleTax.electricVatThresholds',
    rules.electricVatThresholds,
    (row) => row.commodityPrefix,
    (row, at): PreparedElectricThreshold => ({
      ...r.amount('ELECTRIC_VAT_THRESHOLD', row, row.thresholdNok, 'NOK', `${at}.thresholdNok`),
      commodityPrefix: row.commodityPrefix,
    }),
  );
  return { weightBands, ageDeductions, electricThresholds };
}
