import type { InputProblem } from '../../../shared/errors.js';
import {
  divideByPowerOfTen,
  exactOf,
  exactOfMoney,
  formatMoney,
  type Money,
  roundToOre,
  times,
} from '../../../shared/money.js';
import {
  type CourtFee,
  EXEMPTION_BASIS,
  type ExemptionGround,
  type PenaltyCalculation,
  type PenaltyKind,
  type PenaltyLine,
  type PenaltyRule,
} from './model.js';

/**
 * The penalties computed from their rules, purely: no clock, no database. Each result is a list of
 * lines as an assessment explains a duty (the rule and its validity, the basis, the rate or
 * multiple, the amount, a sentence), rounded half-up to øre once, on the line that multiplies.
 */

export type Outcome = { readonly ok: true; readonly calculation: PenaltyCalculation } | ProblemOutcome;
interface ProblemOutcome {
  readonly ok: false;
  readonly problems: readonly InputProblem[];
}

/** Codes of the problems a penalty's input can have; the InputProblemCode enum is built from the list. */
export const PENALTY_PROBLEM_CODES = {
  AMOUNT_NOT_POSITIVE: 'The amount must be greater than zero.',
  AMOUNT_PRECISION: 'The amount has more decimals than whole øre (two).',
  CURRENCY_NOT_SUPPORTED: 'Only NOK is accepted here.',
  NO_PENALTY_RULE: 'No penalty rule of this kind is in force on the date.',
  COURT_FEE_UNKNOWN: 'No court fee (rettsgebyr) is on record for the date.',
  MULTIPLE_OUT_OF_RANGE: 'The number of court fees is under 1 or above what the rule allows.',
} as const;
export type PenaltyProblemCode = keyof typeof PENALTY_PROBLEM_CODES;

const inForce = <T extends { validFrom: string; validTo: string | null }>(rows: readonly T[], date: string) =>
  rows
    .filter((row) => row.validFrom <= date && (row.validTo === null || row.validTo >= date))
    .sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];

const nok = (amount: Money) => `NOK ${formatMoney(amount)}`;

function problem(code: PenaltyProblemCode, path: readonly (string | number)[], message: string): ProblemOutcome {
  return { ok: false, problems: [{ code, path, message }] };
}

/** The rule of a kind in force on a date (the latest to start, should two overlap). */
export function ruleInForce(rules: readonly PenaltyRule[], kind: PenaltyKind, date: string): PenaltyRule | undefined {
  return inForce(
    rules.filter((rule) => rule.kind === kind),
    date,
  );
}

const ruleOf = (rule: PenaltyRule) => ({
  ruleId: rule.id,
  validFrom: rule.validFrom,
  validTo: rule.validTo,
  legalBasis: rule.legalBasis,
});

export interface AdditionalDutyInput {
  /** The duty advantage obtained or that could have been obtained, in øre (positive). */
  readonly dutyAdvantage: Money;
  readonly decidedOn: string;
  /** An exemption the officer found; null when none applies. */
  readonly ground: ExemptionGround | null;
}

/**
 * The additional duty (tilleggsavgift): the rule's per cent of the duty advantage. The threshold
 * applies to the additional duty itself, not to the advantage: tollavgiftsloven § 12-4 (1) d says
 * it is not imposed "når tilleggsavgiften for det enkelte forhold vil bli under 1 000 kroner". It
 * is compared after rounding to øre, the amount that would be imposed: NOK 999.99 is not imposed,
 * NOK 1,000.00 is. An exemption ground yields no additional duty, whatever the amount.
 */
export function additionalDuty(rules: readonly PenaltyRule[], input: AdditionalDutyInput): Outcome {
  const rule = ruleInForce(rules, 'ADDITIONAL_DUTY', input.decidedOn);
  if (!rule?.ratePercent) {
    return problem(
      'NO_PENALTY_RULE',
      ['input', 'decidedOn'],
      `No additional duty rule is in force on ${input.decidedOn}.`,
    );
  }
  const rate = exactOf(rule.ratePercent);
  // Per cent: the product over 100, exact until the one rounding to øre.
  const computed = roundToOre(divideByPowerOfTen(times(exactOfMoney(input.dutyAdvantage), rate), 2));
  const rateLine: PenaltyLine = {
    step: 'RATE',
    ...ruleOf(rule),
    basis: input.dutyAdvantage,
    ratePercent: rule.ratePercent,
    multiple: null,
    amount: computed,
    explanation:
      `${rule.ratePercent} % of the duty advantage of ${nok(input.dutyAdvantage)} obtained or that could have been ` +
      `obtained is ${nok(computed)}.`,
  };
  const finish = (line: PenaltyLine, notImposed: PenaltyCalculation['notImposedReason']): Outcome => ({
    ok: true,
    calculation: {
      kind: 'ADDITIONAL_DUTY',
      decidedOn: input.decidedOn,
      imposed: notImposed === null,
      amount: line.amount,
      computedAmount: computed,
      notImposedReason: notImposed,
      lines: [rateLine, line],
    },
  });
  if (input.ground) {
    return finish(
      {
        step: 'EXEMPTION',
        ...ruleOf(rule),
        legalBasis: EXEMPTION_BASIS[input.ground],
        basis: computed,
        ratePercent: null,
        multiple: null,
        amount: 0n,
        explanation: `Not imposed: ${EXEMPTION_BASIS[input.ground]}. The ground is recorded with the decision.`,
      },
      input.ground,
    );
  }
  const threshold = rule.thresholdOre ?? 0n;
  const below = computed < threshold;
  return finish(
    {
      step: 'THRESHOLD',
      ...ruleOf(rule),
      basis: computed,
      ratePercent: null,
      multiple: null,
      amount: below ? 0n : computed,
      explanation: below
        ? `${nok(computed)} is under ${nok(threshold)}: an additional duty under that amount is not imposed.`
        : `${nok(computed)} is not under ${nok(threshold)}, the amount below which it is not imposed: imposed.`,
    },
    below ? 'BELOW_THRESHOLD' : null,
  );
}

export interface ViolationFeeInput {
  /** Court fees the officer decides on, at least 1. */
  readonly multiple: number;
  readonly decidedOn: string;
}

/**
 * The violation fee (overtredelsesgebyr): a number of court fees, the court fee in force on the
 * day of the decision. A multiple above the rule's maximum is capped at the maximum, and the line
 * says so; the officer's mutation refuses such a multiple before it gets here.
 */
export function violationFee(
  rules: readonly PenaltyRule[],
  courtFees: readonly CourtFee[],
  input: ViolationFeeInput,
): Outcome {
  const rule = ruleInForce(rules, 'VIOLATION_FEE', input.decidedOn);
  if (!rule?.maxMultiple) {
    return problem(
      'NO_PENALTY_RULE',
      ['input', 'decidedOn'],
      `No violation fee rule is in force on ${input.decidedOn}.`,
    );
  }
  if (!Number.isSafeInteger(input.multiple) || input.multiple < 1) {
    return problem('MULTIPLE_OUT_OF_RANGE', ['input', 'multiple'], 'A violation fee is at least one court fee.');
  }
  const fee = inForce(courtFees, input.decidedOn);
  if (!fee) {
    return problem(
      'COURT_FEE_UNKNOWN',
      ['input', 'decidedOn'],
      `No court fee is on record for ${input.decidedOn}; it must be loaded before a violation fee can be computed.`,
    );
  }
  const maximum = fee.amountOre * BigInt(rule.maxMultiple);
  const multiple = Math.min(input.multiple, rule.maxMultiple);
  const amount = fee.amountOre * BigInt(multiple);
  const capped = input.multiple > rule.maxMultiple;
  const lines: PenaltyLine[] = [
    {
      step: 'MAXIMUM',
      ...ruleOf(rule),
      basis: fee.amountOre,
      ratePercent: null,
      multiple: rule.maxMultiple,
      amount: maximum,
      explanation: `A violation fee is at most ${rule.maxMultiple} court fees of ${nok(fee.amountOre)}: ${nok(maximum)}.`,
    },
    {
      step: 'COURT_FEES',
      ruleId: fee.id,
      validFrom: fee.validFrom,
      validTo: fee.validTo,
      legalBasis: 'rettsgebyrloven § 1 (2): the court fee (rettsgebyret)',
      basis: fee.amountOre,
      ratePercent: null,
      multiple,
      amount,
      explanation: capped
        ? `${input.multiple} court fees are more than the rule allows: capped at ${multiple} × ${nok(fee.amountOre)} = ${nok(amount)}.`
        : `${multiple} × the court fee of ${nok(fee.amountOre)} in force on ${input.decidedOn} = ${nok(amount)}.`,
    },
  ];
  return {
    ok: true,
    calculation: {
      kind: 'VIOLATION_FEE',
      decidedOn: input.decidedOn,
      imposed: true,
      amount,
      computedAmount: amount,
      notImposedReason: null,
      lines,
    },
  };
}
