import type { Executor } from '../../db/client.js';
import type { Decimal } from '../../shared/decimal.js';
import type { InputProblem } from '../../shared/errors.js';
import { isValidNationalIdentityNumber, isValidOrganisationNumber } from '../../shared/identifiers.js';
import type { CommodityFact, ProcedureCode } from '../rates/model.js';
import { type DeclarationDraft, type PartyDraft, partyOf } from './draft.js';
import type { DeclarationAssessor } from './model.js';
import { MAX_GOODS_ITEMS } from './model.js';
import { findReferenceRows } from './reference-query.js';
import { fieldsWithoutMandate, gatherRepresentationFacts, type RepresentationFacts } from './representation.js';

/**
 * Validation of a declaration draft. Every problem is collected, each with the path of its input
 * value and a stable code, so that an ERP can fix them all in one round trip. The reference data
 * a draft names is fetched up front in one statement (two when it names a party that needs a
 * mandate); the checks are pure.
 */

export const INPUT_PROBLEM_CODES = {
  REQUIRED: 'A value is required here.',
  TOO_LONG: 'The text is longer than allowed.',
  NOT_POSITIVE: 'The number must be greater than zero.',
  NEGATIVE: 'The number must not be negative.',
  TOO_MANY_DECIMALS: 'The number has more decimals than the field keeps.',
  OUT_OF_RANGE: 'The number is outside the allowed range.',
  DATE_IN_FUTURE: 'The date lies in the future.',
  MALFORMED_COMMODITY_CODE: 'A commodity code has 8 digits (0406.9099 or 04069099).',
  UNKNOWN_COMMODITY_CODE: 'The commodity code is not in the customs tariff.',
  COMMODITY_CODE_NOT_VALID_ON_DATE: 'The commodity code exists but is not in force on the date of the declaration.',
  UNKNOWN_COUNTRY: 'Not an ISO 3166-1 alpha-2 country code.',
  UNKNOWN_CURRENCY: 'Not an ISO 4217 currency code.',
  UNKNOWN_CUSTOMS_OFFICE: 'No customs office has this reference number.',
  UNKNOWN_PROCEDURE: 'No customs procedure has this code.',
  PROCEDURE_NOT_FOR_TYPE: 'The procedure is for the other type of declaration.',
  COUNTRY_NOT_ALLOWED: 'The country does not fit the type of declaration.',
  INVALID_ORGANISATION_NUMBER: 'Not an organisation number: 9 digits with a valid MOD11 check digit.',
  INVALID_NATIONAL_IDENTITY_NUMBER: 'Not a national identity number: 11 digits with valid check digits.',
  PARTY_IDENTIFIER_REQUIRED: 'A party needs exactly one of organisationNumber and nationalIdentityNumber.',
  PARTY_NOT_FOR_TYPE: 'An import declaration names an importer; an export declaration an exporter.',
  NO_GOODS_ITEMS: 'A declaration has at least one goods item.',
  TOO_MANY_GOODS_ITEMS: `A declaration has at most ${MAX_GOODS_ITEMS} goods items.`,
  ALCOHOL_STRENGTH_REQUIRED: 'Alcoholic goods need their alcohol strength (% vol).',
  SUPPLEMENTARY_QUANTITY_REQUIRED: 'Goods whose tariff unit is not kg need the quantity in that unit.',
  MALFORMED_COUNTRY_GROUP: 'A preference names a country group code such as TEF, TEFT or TGS1.',
  MANDATE_MISSING:
    'This party has given you no mandate in force today to declare on its behalf; it grants one with grantMandate.',
  CHANGES_IMMUTABLE_FIELD: 'An amendment cannot change the type of declaration or your reference.',
} as const;
export type InputProblemCode = keyof typeof INPUT_PROBLEM_CODES;

export type Path = readonly (string | number)[];

export interface ReferenceFacts {
  readonly commodities: { inForce: Map<string, CommodityFact>; known: Set<string> };
  readonly countries: Set<string>;
  readonly currencies: Set<string>;
  readonly customsOfficeExists: boolean;
  readonly procedure: ProcedureCode | undefined;
  readonly representation: RepresentationFacts;
  /** The importer is a business registered for VAT, for the assessment. */
  readonly importerVatRegistered: boolean;
  /** The rates version committed when the facts were read: the assessment uses its rate book. */
  readonly ratesVersion: number;
  /** The declarant's declaration with the draft's reference, when there is one (a replay). */
  readonly earlierDeclarationId: number | null;
}

/** Who declares, and when: the mandates a declaration relies on must be in force at that instant. */
export interface Declaring {
  readonly declarant: string | null;
  readonly at: Date;
}

/** The version of each code in force on `date`, and every code the tariff knows at all. */
function commoditiesOnDate(rows: readonly CommodityFact[], date: string): ReferenceFacts['commodities'] {
  const inForce = new Map<string, CommodityFact>();
  const known = new Set<string>();
  for (const row of rows) {
    known.add(row.code);
    const covers = row.validFrom <= date && (row.validTo === null || row.validTo >= date);
    const current = inForce.get(row.code);
    if (covers && (!current || current.validFrom < row.validFrom)) inForce.set(row.code, row);
  }
  return { inForce, known };
}

/**
 * Looks up everything the draft refers to, on the date it is accepted: the reference data, the
 * importer's VAT registration, an earlier declaration with the same reference and the rates
 * version, in one statement; the mandates it relies on, when it names another party, beside it.
 */
export async function gatherReferenceFacts(
  db: Executor,
  draft: DeclarationDraft,
  date: string,
  declaring: Declaring,
  assessor: Pick<DeclarationAssessor, 'ratesVersionSql'>,
): Promise<ReferenceFacts> {
  const countryCodes = new Set([draft.dispatchCountry, draft.destinationCountry]);
  for (const item of draft.goodsItems) countryCodes.add(item.originCountry);
  const wellFormed = (code: string, pattern: RegExp) => pattern.test(code);
  const [rows, representation] = await Promise.all([
    findReferenceRows(db, {
      commodityCodes: [
        ...new Set(draft.goodsItems.map((item) => item.commodityCode).filter((code) => wellFormed(code, /^\d{8}$/))),
      ],
      countryCodes: [...countryCodes].filter((code) => wellFormed(code, /^[A-Z]{2}$/)),
      currencyCodes: [...new Set([draft.invoiceCurrency, draft.freightCurrency, draft.insuranceCurrency])].filter(
        (code): code is string => code !== undefined && wellFormed(code, /^[A-Z]{3}$/),
      ),
      customsOffice: draft.customsOffice || null,
      procedureCode: draft.procedureCode || null,
      importerOrgnr: draft.type === 'IMPORT' ? (draft.importer?.organisationNumber ?? null) : null,
      declarant: declaring.declarant,
      clientReference: draft.clientReference,
      ratesVersionSql: assessor.ratesVersionSql,
    }),
    gatherRepresentationFacts(db, draft, declaring.declarant, declaring.at),
  ]);
  return {
    commodities: commoditiesOnDate(rows.commodities, date),
    countries: new Set(rows.countries),
    currencies: new Set(rows.currencies),
    customsOfficeExists: rows.customsOfficeExists,
    procedure: rows.procedure ?? undefined,
    representation,
    importerVatRegistered: rows.importerVatRegistered,
    ratesVersion: rows.ratesVersion,
    earlierDeclarationId: rows.earlierDeclarationId,
  };
}

class ProblemList {
  readonly problems: InputProblem[] = [];
  add(code: InputProblemCode, path: Path, detail?: string): void {
    const message = detail ? `${INPUT_PROBLEM_CODES[code]} ${detail}` : INPUT_PROBLEM_CODES[code];
    this.problems.push({ code, path, message });
  }
}

const LIMITS = { clientReference: 70, description: 512, name: 200, address: 500, documentText: 70 } as const;

function checkText(problems: ProblemList, value: string | null, path: Path, max: number, required: boolean): void {
  if (value === null || value === '') {
    if (required) problems.add('REQUIRED', path);
  } else if (value.length > max) {
    problems.add('TOO_LONG', path, `At most ${max} characters.`);
  }
}

function checkAmount(
  problems: ProblemList,
  value: Decimal | null,
  path: Path,
  options: { positive: boolean; decimals: number; max?: number },
): void {
  if (value === null) return;
  if (options.positive ? value.lte(0) : value.lt(0)) {
    problems.add(options.positive ? 'NOT_POSITIVE' : 'NEGATIVE', path);
  } else if (value.decimalPlaces() > options.decimals) {
    problems.add('TOO_MANY_DECIMALS', path, `At most ${options.decimals}.`);
  } else if (options.max !== undefined && value.gt(options.max)) {
    problems.add('OUT_OF_RANGE', path, `At most ${options.max}.`);
  } else if (value.precision(true) - value.decimalPlaces() > 15) {
    problems.add('OUT_OF_RANGE', path, 'The number is too large.');
  }
}

function checkCountry(problems: ProblemList, facts: ReferenceFacts, code: string, path: Path): void {
  if (!facts.countries.has(code)) problems.add('UNKNOWN_COUNTRY', path, code ? `"${code}" is not one.` : undefined);
}

function checkParty(problems: ProblemList, party: PartyDraft, path: Path): void {
  const { organisationNumber, nationalIdentityNumber } = party;
  if ((organisationNumber === null) === (nationalIdentityNumber === null)) {
    problems.add('PARTY_IDENTIFIER_REQUIRED', path);
  }
  if (organisationNumber !== null && !isValidOrganisationNumber(organisationNumber)) {
    problems.add('INVALID_ORGANISATION_NUMBER', [...path, 'organisationNumber']);
  }
  // The number itself is personal data: it is never echoed in the message.
  if (nationalIdentityNumber !== null && !isValidNationalIdentityNumber(nationalIdentityNumber)) {
    problems.add('INVALID_NATIONAL_IDENTITY_NUMBER', [...path, 'nationalIdentityNumber']);
  }
  checkText(problems, party.name, [...path, 'name'], LIMITS.name, false);
  checkText(problems, party.address, [...path, 'address'], LIMITS.address, false);
}

/**
 * All problems of a draft, given the reference facts and the date of acceptance (YYYY-MM-DD at
 * the authority). `path` is where the declaration sits in the mutation's arguments.
 */
export function validateDraft(
  draft: DeclarationDraft,
  facts: ReferenceFacts,
  today: string,
  path: Path,
): InputProblem[] {
  const problems = new ProblemList();
  const at = (...rest: (string | number)[]): Path => [...path, ...rest];

  checkText(problems, draft.clientReference, at('clientReference'), LIMITS.clientReference, true);

  if (!draft.procedureCode) problems.add('REQUIRED', at('procedureCode'));
  else if (!facts.procedure) problems.add('UNKNOWN_PROCEDURE', at('procedureCode'));
  else if (facts.procedure.declarationType !== draft.type) problems.add('PROCEDURE_NOT_FOR_TYPE', at('procedureCode'));

  if (!draft.customsOffice) problems.add('REQUIRED', at('customsOffice'));
  else if (!facts.customsOfficeExists) problems.add('UNKNOWN_CUSTOMS_OFFICE', at('customsOffice'));

  checkCountry(problems, facts, draft.dispatchCountry, at('countryOfDispatch'));
  checkCountry(problems, facts, draft.destinationCountry, at('countryOfDestination'));
  if (draft.type === 'IMPORT' && facts.countries.has(draft.destinationCountry) && draft.destinationCountry !== 'NO') {
    problems.add('COUNTRY_NOT_ALLOWED', at('countryOfDestination'), 'Goods imported to Norway have destination NO.');
  }
  if (draft.type === 'EXPORT' && facts.countries.has(draft.dispatchCountry) && draft.dispatchCountry !== 'NO') {
    problems.add('COUNTRY_NOT_ALLOWED', at('countryOfDispatch'), 'Goods exported from Norway are dispatched from NO.');
  }

  if (!facts.currencies.has(draft.invoiceCurrency)) problems.add('UNKNOWN_CURRENCY', at('invoiceCurrency'));
  if (draft.invoiceDate !== null && draft.invoiceDate > today) problems.add('DATE_IN_FUTURE', at('invoiceDate'));
  checkAmount(problems, draft.freight, at('freight', 'amount'), { positive: false, decimals: 2 });
  checkAmount(problems, draft.insurance, at('insurance', 'amount'), { positive: false, decimals: 2 });
  for (const [field, code] of [
    ['freight', draft.freightCurrency],
    ['insurance', draft.insuranceCurrency],
  ] as const) {
    if (code !== undefined && !facts.currencies.has(code)) problems.add('UNKNOWN_CURRENCY', at(field, 'currency'));
  }

  const [partyField, wrongField] = draft.type === 'IMPORT' ? ['importer', 'exporter'] : ['exporter', 'importer'];
  const party = partyOf(draft);
  if (party === null) problems.add('REQUIRED', at(partyField));
  else checkParty(problems, party, at(partyField));
  if ((draft.type === 'IMPORT' ? draft.exporter : draft.importer) !== null) {
    problems.add('PARTY_NOT_FOR_TYPE', at(wrongField));
  }
  if (draft.representedParty !== null && !isValidOrganisationNumber(draft.representedParty)) {
    problems.add('INVALID_ORGANISATION_NUMBER', at('representedParty'));
  }
  for (const field of fieldsWithoutMandate(draft, facts.representation)) problems.add('MANDATE_MISSING', at(field));

  if (draft.goodsItems.length === 0) problems.add('NO_GOODS_ITEMS', at('goodsItems'));
  if (draft.goodsItems.length > MAX_GOODS_ITEMS) {
    problems.add('TOO_MANY_GOODS_ITEMS', at('goodsItems'), `This one has ${draft.goodsItems.length}.`);
  } else {
    draft.goodsItems.forEach((item, index) => {
      validateItem(problems, item, facts, today, at('goodsItems', index));
    });
  }
  return problems.problems;
}

function validateItem(
  problems: ProblemList,
  item: DeclarationDraft['goodsItems'][number],
  facts: ReferenceFacts,
  today: string,
  path: Path,
): void {
  const at = (...rest: (string | number)[]): Path => [...path, ...rest];
  const commodity = facts.commodities.inForce.get(item.commodityCode);
  if (!/^\d{8}$/.test(item.commodityCode)) problems.add('MALFORMED_COMMODITY_CODE', at('commodityCode'));
  else if (!facts.commodities.known.has(item.commodityCode))
    problems.add('UNKNOWN_COMMODITY_CODE', at('commodityCode'));
  else if (!commodity) problems.add('COMMODITY_CODE_NOT_VALID_ON_DATE', at('commodityCode'), `The date is ${today}.`);

  checkText(problems, item.description, at('description'), LIMITS.description, true);
  checkCountry(problems, facts, item.originCountry, at('countryOfOrigin'));
  if (item.preferenceClaimed !== null && !/^[A-Z0-9]{2,8}$/.test(item.preferenceClaimed)) {
    problems.add('MALFORMED_COUNTRY_GROUP', at('preferenceClaimed'));
  }
  checkAmount(problems, item.netMassKg, at('netMass'), { positive: true, decimals: 3 });
  checkAmount(problems, item.invoiceAmount, at('invoiceAmount'), { positive: true, decimals: 2 });
  checkAmount(problems, item.supplementaryQuantity, at('supplementaryQuantity'), { positive: true, decimals: 3 });
  checkAmount(problems, item.alcoholStrength, at('alcoholStrength'), { positive: true, decimals: 2, max: 100 });

  if (commodity?.exciseCategory === 'alcohol' && item.alcoholStrength === null) {
    problems.add('ALCOHOL_STRENGTH_REQUIRED', at('alcoholStrength'));
  }
  if (commodity?.unit && commodity.unit !== 'kg' && item.supplementaryQuantity === null) {
    problems.add(
      'SUPPLEMENTARY_QUANTITY_REQUIRED',
      at('supplementaryQuantity'),
      `The tariff unit is ${commodity.unit}.`,
    );
  }
  item.documents.forEach((document, index) => {
    const docPath = at('documents', index);
    checkText(problems, document.code, [...docPath, 'code'], LIMITS.documentText, true);
    checkText(problems, document.reference, [...docPath, 'reference'], LIMITS.documentText, true);
    if (document.issuedOn !== null && document.issuedOn > today)
      problems.add('DATE_IN_FUTURE', [...docPath, 'issuedOn']);
  });
}
