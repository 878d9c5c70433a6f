import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { lifecycleHooks } from '../composition/lifecycle-hooks.js';
import type { Database } from '../db/client.js';
import { projectRoot, referenceDataFolder } from '../db/paths.js';
import type { AgencyRegistration } from '../modules/agencies/model.js';
import { registerAgencies } from '../modules/agencies/service.js';
import { declarationAssessor, RateBooks } from '../modules/assessment/service.js';
import type { CourtFee, PenaltyRule } from '../modules/control/model.js';
import { createRiskRuleBooks, registerPenaltyRules } from '../modules/control/service.js';
import { amendDeclaration, cancelDeclaration, submitDeclaration } from '../modules/declarations/service.js';
import { grantMandate } from '../modules/mandates/service.js';
import type { Organisation } from '../modules/parties/model.js';
import { hasNoOrganisations, registerOrganisations } from '../modules/parties/service.js';
import type { CollectionTerm } from '../modules/payments/service.js';
import { storeCollectionTerms } from '../modules/payments/service.js';
import type { Country, Currency, CustomsOffice, ProcedureCode } from '../modules/rates/model.js';
import { loadRates, readRateFiles, storeReferenceLists } from '../modules/rates/service.js';
import type { Clock } from '../shared/clock.js';
import { parseMoney } from '../shared/money.js';
import { demoDeclarations } from './demo-declarations.js';
import { demoBusiness, demoMandates } from './demo-mandates.js';

/**
 * Reference and demo data, loaded through the modules' services with plain model types, so that
 * seeded data obeys the same rules as data an ERP sends. The database layer never imports this.
 */

export { hasNoReferenceData } from '../modules/rates/service.js';

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/**
 * Reference data the product cannot work without: countries, currencies, customs offices,
 * procedures, agencies, the authority's published tariff and country groups (data/open-data), and
 * the rates of the assessment (exchange rates, VAT, excise and other rules, and units, VAT classes
 * and ordinary duty of the sample codes) from the development files in data/reference. Idempotent:
 * a second run changes nothing.
 */
export interface SeedOptions {
  /**
   * `rated-codes` loads the trade-agreement duty only of the codes the development files give
   * rates to: the only duty an assessment reads (see readRateRows), at a fraction of the 277,000
   * rows of the whole file. For test databases; a real database gets the whole file.
   */
  readonly tradeAgreementDuty?: 'all' | 'rated-codes';
}

export async function seedReferenceData(
  db: Database,
  folder = referenceDataFolder(),
  options: SeedOptions = {},
): Promise<void> {
  const file = (name: string) => path.join(folder, name);
  const countryList = (await readJson<{ countries: Country[] }>(file('countries.json'))).countries;
  const currencyList = (await readJson<{ currencies: Currency[] }>(file('currencies.json'))).currencies;
  const offices = (await readJson<{ offices: CustomsOffice[] }>(file('customs-offices.json'))).offices;
  const procedures = (await readJson<{ procedures: ProcedureCode[] }>(file('procedure-codes.json'))).procedures;
  // The authority's published tariff and country groups, then the development files for what
  // the open data does not hold (units, VAT classes, excise, ordinary duty of the sample codes).
  const rates = await readRateFiles([
    ...OPEN_DATA_FILES.map((name) => path.join(openDataFolder(folder), name)),
    ...['tariff-sample.csv', 'exchange-rates-sample.json', 'exchange-rates-dev-2026.json', 'assessment-rules.json'].map(
      file,
    ),
  ]);
  if (options.tradeAgreementDuty === 'rated-codes') {
    const rated = new Set(rates.commodities?.map((c) => c.code));
    rates.dutyRates = rates.dutyRates?.filter((d) => rated.has(d.commodityCode));
  }

  const agencyList = (await readJson<{ agencies: SeedAgency[] }>(file('agencies.json'))).agencies;
  const penaltyRules = await readPenaltyRules(path.join(folder, '..', 'penalties', 'penalty-rules.json'));
  const terms = (await readJson<{ terms: CollectionTerm[] }>(file('collection-terms.json'))).terms;

  await db.transaction(async (tx) => {
    await storeReferenceLists(tx, {
      countries: countryList,
      currencies: currencyList,
      customsOffices: offices,
      procedureCodes: procedures,
    });
    await loadRates(tx, rates);
    await storeCollectionTerms(tx, terms);
    await registerAgencies(
      tx,
      agencyList.map((a): AgencyRegistration => ({ ...a, englishName: a.english })),
      { validFrom: AGREEMENTS_VALID_FROM, reason: 'Starting point from the reference list of agencies' },
    );
    await registerPenaltyRules(tx, penaltyRules.rules, penaltyRules.courtFees);
  });
}

interface PenaltyRulesFile {
  rules: (Omit<PenaltyRule, 'thresholdOre'> & { threshold: string | null })[];
  courtFees: (Omit<CourtFee, 'amountOre'> & { amount: string })[];
}

/** The penalty rules and court fees of data/penalties (amounts as NOK text with two decimals). */
async function readPenaltyRules(file: string): Promise<{ rules: PenaltyRule[]; courtFees: CourtFee[] }> {
  const data = await readJson<PenaltyRulesFile>(file);
  return {
    rules: data.rules.map(({ threshold, ...rule }) => ({
      ...rule,
      thresholdOre: threshold === null ? null : parseMoney(threshold),
    })),
    courtFees: data.courtFees.map(({ amount, ...fee }) => ({ ...fee, amountOre: parseMoney(amount) })),
  };
}

/** The open data as published, in data/open-data beside data/reference. */
const OPEN_DATA_FILES = [
  'customstariffstructure.json',
  'landgruppe.json',
  'medlemsland.json',
  'ratetradeagreements.json',
];
const openDataFolder = (referenceFolder: string) => path.join(referenceFolder, '..', 'open-data');

interface SeedAgency {
  code: string;
  name: string;
  english: string;
  mandate: string;
  chapters: string[];
  personalData: boolean;
  grants: string[];
}

/** The seed agreements apply from the day the Movement of Goods Act took effect. */
const AGREEMENTS_VALID_FROM = '2023-01-01';

interface DemoParties {
  organisations: Organisation[];
}

/**
 * Demo businesses, the mandates they gave their representatives, and their declarations, through
 * the same services an ERP uses, so the demo data obeys every rule. Idempotent: a mandate granted
 * again is a replay, and declarations are keyed by their demo references.
 */
export async function seedDemoData(db: Database, clock: Clock): Promise<void> {
  const parties = await readJson<DemoParties>(path.join(projectRoot(), 'data', 'demo', 'organisations.json'));
  await registerOrganisations(db, parties.organisations);
  for (const mandate of demoMandates()) {
    await grantMandate(
      { db, clock, principal: mandate.grantor },
      { representative: mandate.representative, kind: mandate.kind, validFrom: null, validTo: null },
    );
  }
  const assessor = declarationAssessor(new RateBooks(db));
  for (const demo of demoDeclarations()) {
    const ctx = {
      db,
      clock,
      assessor,
      lifecycleHooks: lifecycleHooks(createRiskRuleBooks()),
      principal: demoBusiness(demo.declarant),
      agreement: null,
    };
    const { record } = await submitDeclaration(ctx, demo.draft, ['input']);
    if (demo.amendment) {
      await amendDeclaration(ctx, {
        id: record.declaration.id,
        expectedVersion: null,
        reason: demo.amendment.reason,
        draft: demo.amendment.draft,
        path: ['input', 'declaration'],
      });
    }
    if (demo.cancel) await cancelDeclaration(ctx, record.declaration.id, demo.cancel);
  }
}

/** True when no parties exist yet: demo data has not been loaded. */
export function hasNoParties(db: Database): Promise<boolean> {
  return hasNoOrganisations(db);
}
