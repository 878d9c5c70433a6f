import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { InputProblem } from '../../shared/errors.js';
import type { DeclarationDraft, GoodsItemDraft } from '../declarations/draft.js';
import { organisations } from '../parties/tables.js';
import {
  type AssessmentResult,
  assessDeclaration,
  assessPrivateImport,
  type DeclarationAssessment,
  type DeclarationInput,
  type GoodsItemInput,
  type PrivateImportAssessment,
  type PrivateImportInput,
  type Problem,
  type ProblemCode,
  prepareRateBook,
} from './engine/index.js';
import { loadRateBook } from './rate-book.js';
import { assessments } from './tables.js';

/**
 * The assessment of declarations: builds the engine's input from a declaration, loads the rates
 * in force on the day it is received, runs the pure engine, and stores the outcome with the
 * declaration's version. Exports carry no duties and are not assessed.
 */

export type GoodsAssessmentInput = DeclarationInput | PrivateImportInput;
export type GoodsAssessment = DeclarationAssessment | PrivateImportAssessment;

export interface AssessmentOutcome {
  readonly input: GoodsAssessmentInput;
  readonly result: AssessmentResult<GoodsAssessment>;
}

/**
 * Problems the declarant must fix: the declaration is refused with them. Any other problem is a
 * gap in the authority's own rates (a missing duty or exchange rate): the declaration is accepted
 * and stored as not assessed, for an officer to assess by hand.
 */
const DECLARANT_PROBLEMS: ReadonlySet<ProblemCode> = new Set([
  'INVALID_INPUT',
  'DUPLICATE_ITEM',
  'COMMODITY_CODE_NOT_VALID_ON_DATE',
  'PREFERENCE_NOT_APPLICABLE',
  'QUANTITY_REQUIRED',
  'ALCOHOL_STRENGTH_REQUIRED',
  'VEHICLE_DATA_REQUIRED',
  'VALUE_REQUIRED',
]);

/** The engine's field names where the declaration input calls them otherwise. */
const INPUT_FIELD: Readonly<Record<string, string>> = {
  items: 'goodsItems',
  netMassKg: 'netMass',
  originCountry: 'countryOfOrigin',
};

/** An engine problem, at its path in the mutation's input. */
export function toInputProblem(problem: Problem, prefix: readonly (string | number)[]): InputProblem {
  return {
    code: problem.code,
    path: [...prefix, ...problem.path.map((part) => (typeof part === 'string' ? (INPUT_FIELD[part] ?? part) : part))],
    message: problem.message,
  };
}

export function declarantProblems(
  outcome: AssessmentOutcome | null,
  prefix: readonly (string | number)[],
): InputProblem[] {
  if (!outcome || outcome.result.ok) return [];
  return outcome.result.problems.filter((p) => DECLARANT_PROBLEMS.has(p.code)).map((p) => toInputProblem(p, prefix));
}

export function itemInput(item: GoodsItemDraft, itemNumber: number): GoodsItemInput {
  return {
    itemNumber,
    commodityCode: item.commodityCode,
    originCountry: item.originCountry,
    preferenceClaimed: item.preferenceClaimed,
    netMassKg: item.netMassKg.toFixed(),
    supplementaryQuantity: item.supplementaryQuantity?.toFixed() ?? null,
    alcoholStrength: item.alcoholStrength?.toFixed() ?? null,
    invoiceAmount: item.invoiceAmount.toFixed(),
    vehicle: item.vehicle,
    packaging: item.packaging,
  };
}

async function isVatRegistered(db: Executor, organisationNumber: string | null): Promise<boolean> {
  if (!organisationNumber) return false;
  const [row] = await db
    .select({ vatRegistered: organisations.vatRegistered })
    .from(organisations)
    .where(eq(organisations.organisationNumber, organisationNumber));
  return row?.vatRegistered ?? false;
}

/** Runs the engine on any goods input, with the rates in force on its date. */
export async function assessGoods(
  db: Executor,
  input: GoodsAssessmentInput,
): Promise<AssessmentResult<GoodsAssessment>> {
  const book = prepareRateBook(
    await loadRateBook(db, {
      date: input.receivedOn,
      commodityCodes: input.items.map((item) => item.commodityCode),
      countries: input.items.map((item) => item.originCountry),
      currencies: [input.invoiceCurrency],
    }),
  );
  return input.kind === 'IMPORT' ? assessDeclaration(book, input) : assessPrivateImport(book, input);
}

/**
 * The assessment of an import declaration received on `receivedOn`: a business import, or a
 * private person's (the importer is a person), which VOEC may cover. Null for an export.
 */
export async function assessDraft(
  db: Executor,
  draft: DeclarationDraft,
  receivedOn: string,
): Promise<AssessmentOutcome | null> {
  if (draft.type !== 'IMPORT' || !draft.importer) return null;
  const items = draft.goodsItems.map((item, index) => itemInput(item, index + 1));
  const header = {
    invoiceCurrency: draft.invoiceCurrency,
    freight: draft.freight.toFixed(),
    insurance: draft.insurance.toFixed(),
    receivedOn,
    items,
  };
  const input: GoodsAssessmentInput = draft.importer.nationalIdentityNumber
    ? { kind: 'PRIVATE_IMPORT', ...header, voecNumber: draft.voecNumber }
    : {
        kind: 'IMPORT',
        ...header,
        importerVatRegistered: await isVatRegistered(db, draft.importer.organisationNumber),
      };
  return { input, result: await assessGoods(db, input) };
}

export type AssessmentRow = typeof assessments.$inferSelect;

/** Stores the outcome with the version it assesses, in the transaction that accepts the version. */
export async function storeAssessment(
  tx: Executor,
  declarationId: number,
  version: number,
  outcome: AssessmentOutcome,
  at: Date,
): Promise<void> {
  const totals = outcome.result.ok ? outcome.result.assessment.totals : null;
  await tx.insert(assessments).values({
    declarationId,
    version,
    outcome: outcome.result.ok ? 'ASSESSED' : 'NOT_ASSESSED',
    input: outcome.input,
    result: outcome.result,
    payable: totals?.payable ?? null,
    vatToReport: totals?.vatToReport ?? null,
    total: totals?.total ?? null,
    assessedAt: at,
  });
}
