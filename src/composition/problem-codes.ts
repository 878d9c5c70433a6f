import { builder } from '../graphql/builder.js';
import { InputProblemRef } from '../graphql/errors.js';
import { AGREEMENT_PROBLEM_CODES } from '../modules/agencies/service.js';
import { ENGINE_PROBLEM_CODES } from '../modules/assessment/service.js';
import { PENALTY_INPUT_PROBLEM_CODES, RISK_RULE_PROBLEM_CODES } from '../modules/control/service.js';
import { DECLARATION_PROBLEM_CODES } from '../modules/declarations/service.js';
import { MANDATE_PROBLEM_CODES } from '../modules/mandates/service.js';
import { PAYMENT_INTAKE_PROBLEM_CODES, PAYMENT_PROBLEM_CODES } from '../modules/payments/service.js';

/**
 * Every module's list of the codes its input problems carry, with what each means. A code added to
 * a list is in the enum; a code raised without being in a list fails a test (problem-codes.test.ts).
 * Where two modules share a code (REQUIRED, UNKNOWN_COUNTRY ...), the first list's meaning is the
 * enum value's description: the problem's message says the rest.
 */
export const PROBLEM_CODE_LISTS = [
  DECLARATION_PROBLEM_CODES,
  ENGINE_PROBLEM_CODES,
  AGREEMENT_PROBLEM_CODES,
  MANDATE_PROBLEM_CODES,
  PAYMENT_PROBLEM_CODES,
  PENALTY_INPUT_PROBLEM_CODES,
  PAYMENT_INTAKE_PROBLEM_CODES,
  RISK_RULE_PROBLEM_CODES,
] as const;

type ProblemCodeOf<L> = L extends Readonly<Record<infer K, string>> ? K : never;
export type InputProblemCode = ProblemCodeOf<(typeof PROBLEM_CODE_LISTS)[number]>;

export const PROBLEM_CODES: Readonly<Record<InputProblemCode, string>> = Object.assign(
  {},
  ...[...PROBLEM_CODE_LISTS].reverse(),
);

export const InputProblemCodeEnum = builder.enumType('InputProblemCode', {
  description: 'Stable code of a problem with one input value.',
  values: Object.fromEntries(
    Object.entries(PROBLEM_CODES).map(([code, description]) => [code, { value: code, description }]),
  ) as Record<InputProblemCode, { value: InputProblemCode; description: string }>,
});

builder.objectField(InputProblemRef, 'code', (t) =>
  t.field({
    type: InputProblemCodeEnum,
    description: 'Stable code of the problem; the message says it for people.',
    resolve: (problem) => problem.code as InputProblemCode,
  }),
);
