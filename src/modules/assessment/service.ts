import { and, eq, type SQL, sql } from 'drizzle-orm';
import { type Executor, rowsOf } from '../../db/client.js';
import type { InputProblem } from '../../shared/errors.js';
import { type Money, parseMoney } from '../../shared/money.js';
import type {
  DeclarationAssessor,
  DeclarationDraft,
  DraftAssessment,
  DraftFacts,
  GoodsItemDraft,
} from '../declarations/model.js';
import { RATES_VERSION_SQL } from '../rates/service.js';
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
} from './engine/index.js';
import type { RateBooks } from './rate-book-cache.js';
import { assessments } from './tables.js';

export { ENGINE_PROBLEM_CODES } from './engine/index.js';
export { RateBooks, readRatesVersion } from './rate-book-cache.js';

/**
 * The assessment of declarations: builds the engine's input from a declaration, runs the pure
 * engine with the rate book of the current rates version (prepared once per version, see
 * rate-book-cache.ts) on the day it is received, and stores the outcome with the declaration's
 * version. Exports carry no duties and are not assessed.
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

/**
 * Runs the engine on any goods input, with the rates in force on its date. `ratesVersion` is the
 * version the caller read with its other facts; without it the version is read here.
 */
export async function assessGoods(
  rateBooks: RateBooks,
  input: GoodsAssessmentInput,
  ratesVersion?: number,
): Promise<AssessmentResult<GoodsAssessment>> {
  const book = ratesVersion === undefined ? await rateBooks.current() : await rateBooks.atVersion(ratesVersion);
  return input.kind === 'IMPORT' ? assessDeclaration(book, input) : assessPrivateImport(book, input);
}

/**
 * The assessment of an import declaration received on `receivedOn`: a business import, or a
 * private person's (the importer is a person), which VOEC may cover. Null for an export.
 */
export async function assessDraft(
  rateBooks: RateBooks,
  draft: DeclarationDraft,
  receivedOn: string,
  facts: DraftFacts,
): Promise<AssessmentOutcome | null> {
  if (draft.type !== 'IMPORT' || !draft.importer) return null;
  const items = draft.goodsItems.map((item, index) => itemInput(item, index + 1));
  const header = {
    invoiceCurrency: draft.invoiceCurrency,
    freight: draft.freight.toFixed(),
    freightCurrency: draft.freightCurrency ?? null,
    insurance: draft.insurance.toFixed(),
    insuranceCurrency: draft.insuranceCurrency ?? null,
    receivedOn,
    items,
  };
  const input: GoodsAssessmentInput = draft.importer.nationalIdentityNumber
    ? { kind: 'PRIVATE_IMPORT', ...header, voecNumber: draft.voecNumber }
    : {
        kind: 'IMPORT',
        ...header,
        importerVatRegistered: facts.importerVatRegistered,
      };
  return { input, result: await assessGoods(rateBooks, input, facts.ratesVersion) };
}

const assessors = new WeakMap<RateBooks, DeclarationAssessor>();

/**
 * The assessment of declarations as the declaration services use it, with the rate books of one
 * database (one per server, so made once per rate books).
 */
export function declarationAssessor(rateBooks: RateBooks): DeclarationAssessor {
  let assessor = assessors.get(rateBooks);
  if (!assessor) {
    assessor = {
      ratesVersionSql: RATES_VERSION_SQL,
      assess: async (draft, receivedOn, facts) => {
        const outcome = await assessDraft(rateBooks, draft, receivedOn, facts);
        return outcome ? draftAssessment(outcome) : null;
      },
    };
    assessors.set(rateBooks, assessor);
  }
  return assessor;
}

function draftAssessment(outcome: AssessmentOutcome): DraftAssessment {
  return {
    declarantProblems: (prefix) => declarantProblems(outcome, prefix),
    customsValuesOre: () => customsValuesOre(outcome),
    store: (tx, declarationId, version, at) => storeAssessment(tx, declarationId, version, outcome, at),
    insertFor: (declaration, version, at) => assessmentInsert(declaration, version, outcome, at),
    payableByKind: () => payableByKind(outcome),
  };
}

/** The payable charge lines of an outcome, summed per kind in øre; null when it was not assessed. */
export function payableByKind(outcome: AssessmentOutcome): Map<string, bigint> | null {
  if (!outcome.result.ok) return null;
  const byKind = new Map<string, bigint>();
  for (const item of outcome.result.assessment.items) {
    for (const line of item.lines) {
      if (!line.charge || !line.payable) continue;
      byKind.set(line.kind, (byKind.get(line.kind) ?? 0n) + parseMoney(line.amount));
    }
  }
  for (const [kind, amount] of byKind) if (amount === 0n) byKind.delete(kind);
  return byKind;
}

/** The customs value line of each goods item, in øre, in the order the items were given. */
function customsValuesOre(outcome: AssessmentOutcome): (bigint | null)[] {
  const count = outcome.input.items.length;
  if (!outcome.result.ok) return Array.from({ length: count }, () => null);
  const byNumber = new Map(
    outcome.result.assessment.items.map((item) => {
      const line = item.lines.find((l) => l.kind === 'CUSTOMS_VALUE');
      return [item.itemNumber, line ? parseMoney(line.amount) : null] as const;
    }),
  );
  return outcome.input.items.map((item) => byNumber.get(item.itemNumber) ?? null);
}

/** What is stored of an outcome besides its input and result. */
function storedTotals(outcome: AssessmentOutcome) {
  const totals = outcome.result.ok ? outcome.result.assessment.totals : null;
  return {
    outcome: outcome.result.ok ? ('ASSESSED' as const) : ('NOT_ASSESSED' as const),
    payable: totals?.payable ?? null,
    vatToReport: totals?.vatToReport ?? null,
    total: totals?.total ?? null,
  };
}

/** Stores the outcome with the version it assesses, in the transaction that accepts the version. */
export async function storeAssessment(
  tx: Executor,
  declarationId: number,
  version: number,
  outcome: AssessmentOutcome,
  at: Date,
): Promise<void> {
  await tx.insert(assessments).values({
    declarationId,
    version,
    ...storedTotals(outcome),
    input: outcome.input,
    result: outcome.result,
    assessedAt: at,
  });
}

/**
 * storeAssessment as one part of a larger statement: the INSERT of the outcome for the row of
 * `declaration`, a relation of that statement with an `id` column (the CTE that inserts a new
 * declaration), so that a submission stores its declaration and its assessment in one statement.
 * Every value is a parameter, so the statement's text is the same for every outcome.
 */
export function assessmentInsert(declaration: SQL, version: number, outcome: AssessmentOutcome, at: Date): SQL {
  const stored = storedTotals(outcome);
  return sql`insert into ${assessments} (declaration_id, version, outcome, input, result, payable, vat_to_report,
      total, assessed_at)
    select d.id, ${version}::int, ${stored.outcome}::text, ${JSON.stringify(outcome.input)}::text::jsonb,
           ${JSON.stringify(outcome.result)}::text::jsonb, ${stored.payable}::numeric, ${stored.vatToReport}::numeric,
           ${stored.total}::numeric, ${at.toISOString()}::timestamptz
      from ${declaration} d`;
}

/** What one version's assessment makes payable to customs (VAT a VAT-registered importer reports excluded). */
export type VersionPayable =
  | { readonly outcome: 'ASSESSED'; readonly payable: Money }
  | { readonly outcome: 'NOT_ASSESSED' };

/**
 * The payable amount of a stored assessment, in øre, read inside the caller's transaction (the one
 * that stored it, at acceptance); null when the version carries no assessment (an export).
 */
export async function payableOfVersion(
  tx: Executor,
  declarationId: number,
  version: number,
): Promise<VersionPayable | null> {
  const [row] = await tx
    .select({ outcome: assessments.outcome, payable: assessments.payable })
    .from(assessments)
    .where(and(eq(assessments.declarationId, declarationId), eq(assessments.version, version)));
  if (!row) return null;
  if (row.outcome !== 'ASSESSED' || row.payable === null) return { outcome: 'NOT_ASSESSED' };
  return { outcome: 'ASSESSED', payable: parseMoney(row.payable) };
}

/**
 * What the given versions' assessments make payable to customs, per duty kind, in øre: the sum of
 * their payable charge lines, read from the stored results. `versions` is a relation of
 * (declaration_id, version), e.g. the declarations' versions in force.
 */
export async function payableByKindOfVersions(db: Executor, versions: SQL): Promise<Map<string, bigint>> {
  const rows = rowsOf<{ kind: string; ore: string }>(
    await db.execute(sql`
      select line->>'kind' as kind, sum(round((line->>'amount')::numeric * 100))::bigint::text as ore
        from ${assessments} a
        join ${versions} v on v.declaration_id = a.declaration_id and v.version = a.version
        cross join lateral jsonb_array_elements(a.result->'assessment'->'items') item
        cross join lateral jsonb_array_elements(item->'lines') line
       where a.outcome = 'ASSESSED' and (line->>'charge')::boolean and (line->>'payable')::boolean
       group by 1`),
  );
  return new Map(rows.map((r) => [r.kind, BigInt(r.ore)]));
}
