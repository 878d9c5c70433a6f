import type { Access } from '../../../auth/access.js';
import { admittedAs } from '../../../auth/access.js';
import type { Principal } from '../../../auth/principal.js';
import type { Database, Executor } from '../../../db/client.js';
import { authorityDate, type Clock } from '../../../shared/clock.js';
import {
  type InputProblem,
  InvalidStatus,
  NotFound,
  SegregationOfDuties,
  ValidationFailed,
} from '../../../shared/errors.js';
import { decimalPlaces, formatMoney, type Money, parseExact, parseMoney, roundToOre } from '../../../shared/money.js';
import { declarationParties } from '../../declarations/service.js';
import { additionalDuty, type Outcome, PENALTY_PROBLEM_CODES, ruleInForce, violationFee } from './compute.js';
import {
  type CourtFee,
  type ExemptionGround,
  PenaltyBelowThreshold,
  type PenaltyCalculation,
  type PenaltyKind,
  type PenaltyReceivables,
  type PenaltyRule,
} from './model.js';
import {
  findRules,
  insertPenalty,
  insertRules,
  lockPenalty,
  markApproved,
  type PenaltyRow,
  type PenaltyVisibility,
} from './repository.js';

export type { PenaltyRow };
export { PENALTY_PROBLEM_CODES };

/** Every code a penalty's input can be refused with, with the general ones it shares. */
export const PENALTY_INPUT_PROBLEM_CODES = {
  ...PENALTY_PROBLEM_CODES,
  REQUIRED: 'A value is required here.',
  TOO_LONG: 'The text is longer than allowed.',
  NOT_APPLICABLE: 'The field does not apply to this kind of penalty or outcome.',
} as const;
type PenaltyInputProblemCode = keyof typeof PENALTY_INPUT_PROBLEM_CODES;

const MAX_REASON = 500;

/** An amount as the API sends it (MoneyInput): the decimal text and its currency. */
export interface MoneyText {
  readonly amount: string;
  readonly currency: string;
}

/** A positive NOK amount of whole øre, or every problem with it at its path. */
function dutyAdvantageOf(money: MoneyText, path: readonly (string | number)[], problems: InputProblem[]): Money | null {
  const before = problems.length;
  const add = (code: PenaltyInputProblemCode, at: string, message: string) =>
    problems.push({ code, path: [...path, at], message });
  if (money.currency !== 'NOK') add('CURRENCY_NOT_SUPPORTED', 'currency', 'The duty advantage is stated in NOK.');
  const exact = parseExact(money.amount);
  if (!exact || exact.units <= 0n) add('AMOUNT_NOT_POSITIVE', 'amount', 'The duty advantage is more than NOK 0.');
  else if (decimalPlaces(exact) > 2) add('AMOUNT_PRECISION', 'amount', 'At most two decimals (whole øre).');
  return problems.length === before && exact ? roundToOre(exact) : null;
}

function outcomeOrThrow(outcome: Outcome): PenaltyCalculation {
  if (!outcome.ok) throw new ValidationFailed(outcome.problems);
  return outcome.calculation;
}

/** The penalty rules and court fees as stored: a handful of rows, read per decision. */
export function penaltyRules(db: Executor): Promise<{ rules: PenaltyRule[]; courtFees: CourtFee[] }> {
  return findRules(db);
}

/** Stores the rules and court fees as given, by id (added or updated); safe to repeat. */
export function registerPenaltyRules(
  tx: Executor,
  rules: readonly PenaltyRule[],
  courtFees: readonly CourtFee[],
): Promise<void> {
  return insertRules(tx, rules, courtFees);
}

export interface AdditionalDutyPreview {
  readonly dutyAdvantage: MoneyText;
  /** The day of the decision whose rule applies; today when null. */
  readonly decidedOn: string | null;
  readonly ground: ExemptionGround | null;
}

/** The additional duty a given duty advantage would give, explained; stores nothing. */
export async function previewAdditionalDuty(
  ctx: { readonly db: Database; readonly clock: Clock },
  input: AdditionalDutyPreview,
): Promise<PenaltyCalculation> {
  const problems: InputProblem[] = [];
  const advantage = dutyAdvantageOf(input.dutyAdvantage, ['input', 'dutyAdvantage'], problems);
  if (advantage === null) throw new ValidationFailed(problems);
  const { rules } = await findRules(ctx.db);
  return outcomeOrThrow(
    additionalDuty(rules, {
      dutyAdvantage: advantage,
      decidedOn: input.decidedOn ?? authorityDate(ctx.clock.now()),
      ground: input.ground,
    }),
  );
}

/** What the penalty services need from their caller. */
export interface PenaltyContext extends Access {
  readonly db: Database;
  readonly clock: Clock;
  /** Null until payments implements the port: an approved penalty then has no receivable yet. */
  readonly penaltyReceivables: PenaltyReceivables | null;
}

export interface PenaltyProposal {
  /** The declaration's number. */
  readonly declarationNumber: string;
  readonly kind: PenaltyKind;
  readonly dutyAdvantage: MoneyText | null;
  readonly multiple: number | null;
  readonly ground: ExemptionGround | null;
  readonly reason: string;
  /** Record an additional duty under the threshold as not imposed, instead of being refused. */
  readonly recordNotImposed: boolean;
}

/** Every problem of a proposal that its input shows, before any rule is read. */
function proposalProblems(proposal: PenaltyProposal): { problems: InputProblem[]; advantage: Money | null } {
  const problems: InputProblem[] = [];
  const add = (code: PenaltyInputProblemCode, field: string, message: string) =>
    problems.push({ code, path: ['input', field], message });
  const reason = proposal.reason.trim();
  if (reason === '') add('REQUIRED', 'reason', 'Say why: the reason is part of the decision.');
  else if (reason.length > MAX_REASON) add('TOO_LONG', 'reason', `At most ${MAX_REASON} characters.`);
  let advantage: Money | null = null;
  if (proposal.kind === 'ADDITIONAL_DUTY') {
    if (!proposal.dutyAdvantage)
      add('REQUIRED', 'dutyAdvantage', 'An additional duty is computed from the duty advantage.');
    else advantage = dutyAdvantageOf(proposal.dutyAdvantage, ['input', 'dutyAdvantage'], problems);
    if (proposal.multiple !== null) add('NOT_APPLICABLE', 'multiple', 'Court fees count for a violation fee only.');
  } else {
    if (proposal.multiple === null) add('REQUIRED', 'multiple', 'A violation fee is a number of court fees.');
    if (proposal.dutyAdvantage)
      add('NOT_APPLICABLE', 'dutyAdvantage', 'A violation fee is not computed from a duty advantage.');
    if (proposal.ground) add('NOT_APPLICABLE', 'ground', 'The exemptions are those of the additional duty.');
    if (proposal.recordNotImposed) add('NOT_APPLICABLE', 'recordNotImposed', 'A violation fee has no threshold.');
  }
  return { problems, advantage };
}

/** The party that owes what is decided on a declaration: its importer or exporter. */
function liablePartyOf(declaration: {
  partyOrgnr: string | null;
  partyNationalId: string | null;
  declarantOrgnr: string;
}) {
  return declaration.partyOrgnr || declaration.partyNationalId
    ? { liableOrgnr: declaration.partyOrgnr, liableNationalId: declaration.partyNationalId }
    : { liableOrgnr: declaration.declarantOrgnr, liableNationalId: null };
}

/**
 * An officer proposes a penalty on a declaration, decided today by the rule in force today. An
 * additional duty with an exemption ground, or under the threshold with `recordNotImposed`, is
 * stored NOT_IMPOSED with its reason; an imposed one waits, PROPOSED, for a second officer.
 */
export async function proposePenalty(ctx: PenaltyContext, proposal: PenaltyProposal): Promise<PenaltyRow> {
  const officer = admittedAs(ctx.principal, 'officer');
  const declaration = await declarationParties(ctx.db, ctx, proposal.declarationNumber);
  if (!declaration) throw new NotFound('declaration');
  const { problems, advantage } = proposalProblems(proposal);
  if (problems.length) throw new ValidationFailed(problems);
  const now = ctx.clock.now();
  const decidedOn = authorityDate(now);
  const { rules, courtFees } = await findRules(ctx.db);
  const calculation = outcomeOrThrow(
    proposal.kind === 'ADDITIONAL_DUTY'
      ? additionalDuty(rules, { dutyAdvantage: advantage as Money, decidedOn, ground: proposal.ground })
      : violationFee(rules, courtFees, { multiple: proposal.multiple as number, decidedOn }),
  );
  if (proposal.kind === 'VIOLATION_FEE') {
    const maximum = ruleInForce(rules, 'VIOLATION_FEE', decidedOn)?.maxMultiple ?? 0;
    if ((proposal.multiple as number) > maximum) {
      throw new ValidationFailed([
        {
          code: 'MULTIPLE_OUT_OF_RANGE',
          path: ['input', 'multiple'],
          message: `The rule in force allows at most ${maximum} court fees.`,
        },
      ]);
    }
  }
  if (calculation.notImposedReason === 'BELOW_THRESHOLD' && !proposal.recordNotImposed) {
    const threshold = ruleInForce(rules, 'ADDITIONAL_DUTY', decidedOn)?.thresholdOre ?? 0n;
    throw new PenaltyBelowThreshold(calculation.computedAmount, threshold);
  }
  if (calculation.imposed && proposal.recordNotImposed) {
    throw new ValidationFailed([
      {
        code: 'NOT_APPLICABLE',
        path: ['input', 'recordNotImposed'],
        message: 'The additional duty is not under the threshold: it cannot be recorded as not imposed on that ground.',
      },
    ]);
  }
  // A transaction even for one statement: the audit trail's row commits with the changes it records.
  return ctx.db.transaction((tx) =>
    insertPenalty(tx, {
      declarationId: declaration.id,
      kind: proposal.kind,
      status: calculation.imposed ? 'PROPOSED' : 'NOT_IMPOSED',
      decidedOn,
      dutyAdvantage: advantage === null ? null : formatMoney(advantage),
      multiple: proposal.multiple,
      ground: proposal.ground,
      amount: formatMoney(calculation.amount),
      calculation: calculationToJson(calculation),
      reason: proposal.reason.trim(),
      ...liablePartyOf(declaration),
      declarantOrgnr: declaration.declarantOrgnr,
      proposedBy: officer.employeeId,
      proposedAt: now,
    }),
  );
}

/**
 * A second officer approves a proposed penalty: in one transaction it becomes APPROVED and a
 * receivable of the liable party (through payments' port). The proposer is refused.
 */
export async function approvePenalty(ctx: PenaltyContext, penaltyId: number): Promise<PenaltyRow> {
  const officer = admittedAs(ctx.principal, 'officer');
  return ctx.db.transaction(async (tx) => {
    const penalty = await lockPenalty(tx, penaltyId);
    if (!penalty) throw new NotFound('penalty');
    if (penalty.status !== 'PROPOSED') throw new InvalidStatus('approved', penalty.status, 'A penalty');
    if (penalty.proposedBy === officer.employeeId) throw new SegregationOfDuties('approve');
    const receivableId = ctx.penaltyReceivables
      ? await ctx.penaltyReceivables.createForPenalty(tx, {
          penaltyId: penalty.id,
          declarationId: penalty.declarationId,
          kind: penalty.kind,
          party: { organisationNumber: penalty.liableOrgnr, nationalIdentityNumber: penalty.liableNationalId },
          amountOre: parseMoney(penalty.amount),
          decidedOn: penalty.decidedOn,
          description: `${penalty.kind === 'ADDITIONAL_DUTY' ? 'Additional duty' : 'Violation fee'} decided on ${penalty.decidedOn}: ${penalty.reason}`,
        })
      : null;
    return markApproved(tx, penalty.id, { approvedBy: officer.employeeId, approvedAt: ctx.clock.now(), receivableId });
  });
}

/** Which penalties the caller sees (the row scope of penalties). */
export function penaltyVisibility(principal: Principal): PenaltyVisibility {
  switch (principal.role) {
    case 'officer':
    case 'auditor':
      return { kind: 'all' };
    case 'business':
      return { kind: 'organisation', organisationNumber: principal.organisationNumber };
    case 'private':
      return { kind: 'person', nationalIdentityNumber: principal.nationalIdentityNumber };
    default:
      return { kind: 'none' };
  }
}

type CalculationJson = Omit<PenaltyCalculation, 'amount' | 'computedAmount' | 'lines'> & {
  amount: string;
  computedAmount: string;
  lines: (Omit<PenaltyCalculation['lines'][number], 'basis' | 'amount'> & { basis: string; amount: string })[];
};

/** Amounts as two-decimal text in the stored calculation: JSON has no bigint. */
function calculationToJson(calculation: PenaltyCalculation): CalculationJson {
  return {
    ...calculation,
    amount: formatMoney(calculation.amount),
    computedAmount: formatMoney(calculation.computedAmount),
    lines: calculation.lines.map((line) => ({
      ...line,
      basis: formatMoney(line.basis),
      amount: formatMoney(line.amount),
    })),
  };
}

/** The calculation a penalty was decided with. */
export function calculationOf(row: PenaltyRow): PenaltyCalculation {
  const json = row.calculation as CalculationJson;
  return {
    ...json,
    amount: parseMoney(json.amount),
    computedAmount: parseMoney(json.computedAmount),
    lines: json.lines.map((line) => ({ ...line, basis: parseMoney(line.basis), amount: parseMoney(line.amount) })),
  };
}
