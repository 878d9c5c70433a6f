import type { Executor } from '../../db/client.js';
import { canonicalDecimal as c } from '../../shared/decimal.js';
import { citedRateId } from '../rates/model.js';
import { type AssessmentRuleRow, readRateRows } from '../rates/service.js';
import type {
  CommodityRow,
  ExciseRateRow,
  RateBook,
  StrengthBand,
  TravellerRules,
  VehicleTaxRules,
} from './engine/index.js';

const window = (row: { validFrom: string; validTo: string | null }) => ({
  validFrom: row.validFrom,
  validTo: row.validTo,
});

function band(
  from: string | null,
  fromInclusive: boolean | null,
  to: string | null,
  toInclusive: boolean | null,
): StrengthBand | null {
  if (from === null) return null;
  return {
    from: c(from),
    fromInclusive: fromInclusive ?? false,
    to: to === null ? null : c(to),
    toInclusive: toInclusive ?? false,
  };
}

type RuleRow = AssessmentRuleRow;
const attr = (row: RuleRow, name: string) => row.attributes[name];
const text = (value: unknown): string => String(value);

/** The traveller rules and vehicle tax of the `assessment_rules` rows, in the engine's shape. */
function rulesOf(rows: readonly RuleRow[]): Pick<RateBook, 'voecRules' | 'travellerRules' | 'vehicleTax'> {
  const of = (rule: string) => rows.filter((row) => row.rule === rule);
  const id = (row: RuleRow) => citedRateId('RULE', row.id);
  const travellerRules: TravellerRules = {
    allowances: of('TRAVELLER_ALLOWANCE').map((r) => ({
      id: id(r),
      awayOver24Hours: attr(r, 'awayOver24Hours') === true,
      amountNok: c(r.value),
      ...window(r),
    })),
    alcoholQuotas: of('TRAVELLER_ALCOHOL_QUOTA').map((r) => ({
      id: id(r),
      kind: text(attr(r, 'kind')) as TravellerRules['alcoholQuotas'][number]['kind'],
      litres: c(r.value),
      ...window(r),
    })),
    alcoholAgeLimits: of('TRAVELLER_ALCOHOL_AGE_LIMIT').map((r) => ({
      id: id(r),
      strengthAbove: text(attr(r, 'strengthAbove')),
      minimumAge: Number(r.value),
      ...window(r),
    })),
    tobaccoQuotas: of('TRAVELLER_TOBACCO_QUOTA').map((r) => ({
      id: id(r),
      group: text(attr(r, 'group')) as TravellerRules['tobaccoQuotas'][number]['group'],
      quantity: c(r.value),
      minimumAge: Number(attr(r, 'minimumAge')),
      ...window(r),
    })),
    simplifiedLimits: of('TRAVELLER_SIMPLIFIED_LIMIT').map((r) => ({
      id: id(r),
      group: text(attr(r, 'group')) as TravellerRules['simplifiedLimits'][number]['group'],
      quantity: c(r.value),
      ...window(r),
    })),
    flatRates: of('TRAVELLER_FLAT_RATE').map((r) => ({
      id: id(r),
      kind: text(attr(r, 'kind')) as TravellerRules['flatRates'][number]['kind'],
      per: text(attr(r, 'per')) as TravellerRules['flatRates'][number]['per'],
      strengthBand:
        attr(r, 'strengthFrom') === undefined
          ? null
          : band(
              text(attr(r, 'strengthFrom')),
              attr(r, 'strengthFromInclusive') === true,
              attr(r, 'strengthTo') === null || attr(r, 'strengthTo') === undefined
                ? null
                : text(attr(r, 'strengthTo')),
              attr(r, 'strengthToInclusive') === true,
            ),
      value: c(r.value),
      ...window(r),
    })),
  };
  const vehicleTax: VehicleTaxRules = {
    weightBands: of('VEHICLE_WEIGHT_BAND').map((r) => ({
      id: id(r),
      fromKg: text(attr(r, 'fromKg')),
      toKg: attr(r, 'toKg') === null || attr(r, 'toKg') === undefined ? null : text(attr(r, 'toKg')),
      perKg: c(r.value),
      ...window(r),
    })),
    ageDeductions: of('VEHICLE_AGE_DEDUCTION').map((r) => ({
      id: id(r),
      ageOverMonths: Number(attr(r, 'ageOverMonths')),
      percent: c(r.value),
      ...window(r),
    })),
    electricVatThresholds: of('ELECTRIC_CAR_VAT_THRESHOLD').map((r) => ({
      id: id(r),
      commodityPrefix: text(attr(r, 'commodityPrefix')),
      thresholdNok: c(r.value),
      ...window(r),
    })),
  };
  return {
    voecRules: of('VOEC_ITEM_VALUE_LIMIT').map((r) => ({ id: id(r), itemValueLimitNok: c(r.value), ...window(r) })),
    travellerRules,
    vehicleTax,
  };
}

/**
 * Every rate row of every window, as a rate book: what the engine needs to assess any goods on any
 * date, prepared once per rates version (rate-book-cache.ts). Nine reads, to be run in one
 * snapshot so that the book is one version of the rates; every row keeps its database id so that
 * each amount of the assessment can cite it.
 */
export async function loadWholeRateBook(db: Executor): Promise<RateBook> {
  const { commodities, duties, members, levies, excises, packaging, vats, rates, rules } = await readRateRows(db);
  return {
    commodities: commodities.map((c): CommodityRow => {
      const row = {
        code: c.code,
        description: c.description,
        exciseCategory: c.exciseCategory as CommodityRow['exciseCategory'],
        restrictedBy: c.restrictedBy,
        ...window(c),
      };
      if (c.unit === null || c.vatClass === null) {
        // A code of the published tariff without rates: the engine refuses its items before it
        // reads a unit or a VAT class, so these stand-ins are never used.
        return { ...row, unit: 'kg', vatClass: 'general', ratesNotLoaded: true };
      }
      return { ...row, unit: c.unit as CommodityRow['unit'], vatClass: c.vatClass };
    }),
    dutyRates: duties.map((d) => ({
      id: citedRateId('DUTY', d.id),
      commodityCode: d.commodityCode,
      countryGroup: d.countryGroup,
      kind: d.kind,
      value: c(d.value),
      ...window(d),
    })),
    countryGroupMembers: members.map((m) => ({ group: m.group, countryCode: m.countryCode, ...window(m) })),
    researchLevyRates: levies.map((l) => ({
      id: citedRateId('RESEARCH_LEVY', l.id),
      codePrefix: l.codePrefix,
      percent: c(l.percent),
      ...window(l),
    })),
    exciseRates: excises.map((e) => ({
      id: citedRateId('EXCISE', e.id),
      category: e.category as ExciseRateRow['category'],
      kind: e.kind as ExciseRateRow['kind'],
      strengthBand: band(e.strengthFrom, e.strengthFromInclusive, e.strengthTo, e.strengthToInclusive),
      value: c(e.value),
      ...window(e),
    })),
    packagingRates: packaging.map((p) => ({
      id: citedRateId('PACKAGING', p.id),
      tax: p.tax,
      material: p.material,
      perUnit: c(p.perUnit),
      exemptAtReturnPercent: p.exemptAtReturnPercent === null ? null : c(p.exemptAtReturnPercent),
      ...window(p),
    })),
    vatRates: vats.map((v) => ({
      id: citedRateId('VAT', v.id),
      vatClass: v.vatClass,
      percent: c(v.percent),
      ...window(v),
    })),
    exchangeRates: rates.map((r) => ({
      // The id `exchangeRate` and `exchangeRates` return, so a citation can be looked up.
      id: String(r.id),
      currency: r.currencyCode,
      rate: c(r.rate),
      unit: r.unit,
      ...window(r),
    })),
    ...rulesOf(rules),
  };
}
