import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { BusinessPrincipal } from '../auth/principal.js';
import { agencies, agencyAgreements } from '../modules/agencies/tables.js';
import { loadRates } from '../modules/assessment/load.js';
import { readRateFiles } from '../modules/assessment/rate-files.js';
import { RateBooks } from '../modules/assessment/service.js';
import { toDraft } from '../modules/declarations/graphql/inputs.js';
import { amendDeclaration, cancelDeclaration, submitDeclaration } from '../modules/declarations/service.js';
import { grantMandate } from '../modules/mandates/service.js';
import { organisations } from '../modules/parties/tables.js';
import { countries, currencies, customsOffices, procedureCodes } from '../modules/reference/tables.js';
import type { Clock } from '../shared/clock.js';
import type { Database, Executor } from './client.js';
import { demoDeclarations } from './demo-declarations.js';
import { demoMandates } from './demo-mandates.js';
import { projectRoot, referenceDataFolder } from './paths.js';

async function readJson<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/**
 * Reference data the product cannot work without: countries, currencies, customs offices,
 * procedures, agencies, and the rates of the assessment (tariff, country groups, exchange rates,
 * VAT, excise and other rules) from the development files in data/reference. Idempotent: a second
 * run changes nothing.
 */
export async function seedReferenceData(db: Database, folder = referenceDataFolder()): Promise<void> {
  const file = (name: string) => path.join(folder, name);
  const countryList = (await readJson<{ countries: { code: string; name: string }[] }>(file('countries.json')))
    .countries;
  const currencyList = (
    await readJson<{ currencies: { code: string; name: string; minorUnits: number }[] }>(file('currencies.json'))
  ).currencies;
  const offices = (await readJson<{ offices: (typeof customsOffices.$inferInsert)[] }>(file('customs-offices.json')))
    .offices;
  const procedures = (
    await readJson<{ procedures: (typeof procedureCodes.$inferInsert)[] }>(file('procedure-codes.json'))
  ).procedures;
  const rates = await readRateFiles(
    [
      'tariff-sample.csv',
      'country-groups.json',
      'exchange-rates-sample.json',
      'exchange-rates-dev-2026.json',
      'assessment-rules.json',
    ].map(file),
  );

  const agencyList = (await readJson<{ agencies: SeedAgency[] }>(file('agencies.json'))).agencies;

  await db.transaction(async (tx) => {
    await tx.insert(countries).values(countryList).onConflictDoNothing();
    await tx.insert(currencies).values(currencyList).onConflictDoNothing();
    await tx.insert(customsOffices).values(offices).onConflictDoNothing();
    await tx.insert(procedureCodes).values(procedures).onConflictDoNothing();
    await loadRates(tx, rates);
    await seedAgencies(tx, agencyList);
  });
}

interface SeedAgency {
  code: string;
  name: string;
  english: string;
  mandate: string;
  chapters: string[];
  personalData: boolean;
  grants: string[];
}

/** The partner agencies and a first agreement each, for agencies that have none yet. */
async function seedAgencies(tx: Executor, list: readonly SeedAgency[]): Promise<void> {
  await tx
    .insert(agencies)
    .values(list.map((a) => ({ code: a.code, name: a.name, englishName: a.english, mandate: a.mandate })))
    .onConflictDoNothing();
  const withAgreements = new Set(
    (await tx.selectDistinct({ code: agencyAgreements.agencyCode }).from(agencyAgreements)).map((row) => row.code),
  );
  const missing = list.filter((a) => !withAgreements.has(a.code));
  if (missing.length === 0) return;
  await tx.insert(agencyAgreements).values(
    missing.map((a) => ({
      agencyCode: a.code,
      grants: a.grants,
      chapters: a.chapters,
      procedures: null,
      originCountries: null,
      personalData: a.personalData,
      validFrom: AGREEMENTS_VALID_FROM,
      validTo: null,
      recordedBy: 'seed',
      reason: 'Starting point from the reference list of agencies',
      recordedAt: new Date(`${AGREEMENTS_VALID_FROM}T00:00:00Z`),
    })),
  );
}

/** The seed agreements apply from the day the Movement of Goods Act took effect. */
const AGREEMENTS_VALID_FROM = '2023-01-01';

interface DemoParties {
  organisations: { organisationNumber: string; name: string; vatRegistered: boolean; address: string }[];
}

function demoBusiness(organisationNumber: string): BusinessPrincipal {
  return {
    role: 'business',
    organisationNumber,
    subject: `seed:${organisationNumber}`,
    scopes: new Set(['declarations:read', 'declarations:write']),
    sandbox: true,
  };
}

/**
 * Demo businesses, the mandates they gave their representatives, and their declarations, through
 * the same services an ERP uses, so the demo data obeys every rule. Idempotent: a mandate granted
 * again is a replay, and declarations are keyed by their demo references.
 */
export async function seedDemoData(db: Database, clock: Clock): Promise<void> {
  const parties = await readJson<DemoParties>(path.join(projectRoot(), 'data', 'demo', 'organisations.json'));
  await db.insert(organisations).values(parties.organisations).onConflictDoNothing();
  for (const mandate of demoMandates()) {
    await grantMandate(
      { db, clock, principal: mandate.grantor },
      { representative: mandate.representative, kind: mandate.kind, validFrom: null, validTo: null },
    );
  }
  const rateBooks = new RateBooks(db);
  for (const demo of demoDeclarations()) {
    const ctx = { db, clock, rateBooks, principal: demoBusiness(demo.declarant), agreement: null };
    const { record } = await submitDeclaration(ctx, toDraft(demo.input), ['input']);
    if (demo.amendment) {
      await amendDeclaration(ctx, {
        id: record.declaration.id,
        expectedVersion: null,
        reason: demo.amendment.reason,
        draft: toDraft(demo.amendment.input),
        path: ['input', 'declaration'],
      });
    }
    if (demo.cancel) await cancelDeclaration(ctx, record.declaration.id, demo.cancel);
  }
}

/** True when no parties exist yet: demo data has not been loaded. */
export async function hasNoParties(db: Database): Promise<boolean> {
  return !(await exists(db, sql`select 1 from ${organisations}`));
}

/** True when the reference tables are empty: a database that was never seeded or loaded. */
export async function hasNoReferenceData(db: Database): Promise<boolean> {
  return !(await exists(db, sql`select 1 from ${countries}`));
}

async function exists(db: Database, query: ReturnType<typeof sql>): Promise<boolean> {
  const [row] = await db.select({ present: sql<boolean>`exists (${query})` }).from(sql`(select 1) as one`);
  return Boolean(row?.present);
}
