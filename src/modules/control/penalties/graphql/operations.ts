import { builder } from '../../../../graphql/builder.js';
import { MoneyInput } from '../../../../graphql/common.js';
import { InvalidStatus, NotFound, SegregationOfDuties, ValidationFailed } from '../../../../shared/errors.js';
import { declarationNumberFromId } from '../../../declarations/graphql/queries.js';
import { type ExemptionGround, PenaltyBelowThreshold, type PenaltyKind } from '../model.js';
import { approvePenalty, type PenaltyRow, previewAdditionalDuty, proposePenalty } from '../service.js';
import { ExemptionGroundEnum, PenaltyCalculationRef, PenaltyKindEnum, PenaltyRef } from './types.js';

const money = (input: { amount: { toFixed(): string }; currency: string }) => ({
  amount: input.amount.toFixed(),
  currency: input.currency,
});

const PreviewInput = builder.inputType('PreviewAdditionalDutyInput', {
  description: 'A duty advantage to compute the additional duty of, as an officer would on the given day.',
  fields: (t) => ({
    dutyAdvantage: t.field({
      type: MoneyInput,
      required: true,
      description:
        'The duty advantage obtained or that could have been obtained: more than 0, in NOK, at most two decimals ' +
        '(AMOUNT_NOT_POSITIVE, CURRENCY_NOT_SUPPORTED, AMOUNT_PRECISION otherwise).',
    }),
    decidedOn: t.field({
      type: 'Date',
      description: 'The day of the decision, whose rule applies; today when omitted. NO_PENALTY_RULE before 2023.',
    }),
    ground: t.field({
      type: ExemptionGroundEnum,
      description: 'An exemption that applies: then nothing is imposed and the ground is shown.',
    }),
  }),
});

builder.queryFields((t) => ({
  previewAdditionalDuty: t.field({
    type: PenaltyCalculationRef,
    description:
      'The additional duty (tilleggsavgift) a duty advantage gives on a day, explained line by line: the rule and ' +
      'its validity, the rate, and the threshold (no additional duty under NOK 1,000 of additional duty) or the ' +
      'exemption ground. Public: no token needed; nothing is stored. Bad input comes back as ValidationFailed with ' +
      'each problem at its path.',
    args: { input: t.arg({ type: PreviewInput, required: true, description: 'The duty advantage, day and ground.' }) },
    errors: {
      types: [ValidationFailed],
      union: {
        name: 'PreviewAdditionalDutyResult',
        description: 'The outcome of previewAdditionalDuty: the calculation, or the problems with the input.',
      },
    },
    resolve: (_root, { input }, ctx) =>
      previewAdditionalDuty(ctx, {
        dutyAdvantage: money(input.dutyAdvantage),
        decidedOn: input.decidedOn ?? null,
        ground: (input.ground as ExemptionGround | null | undefined) ?? null,
      }),
  }),
}));

const ProposeInput = builder.inputType('ProposePenaltyInput', {
  description:
    'A penalty an officer proposes on a declaration, decided today by the rule in force today. An additional duty ' +
    'needs dutyAdvantage, a violation fee multiple; a field of the other kind is refused (NOT_APPLICABLE).',
  fields: (t) => ({
    declarationId: t.id({ required: true, description: 'Global id of the declaration.' }),
    kind: t.field({ type: PenaltyKindEnum, required: true, description: 'Which penalty.' }),
    dutyAdvantage: t.field({
      type: MoneyInput,
      description: 'For an additional duty: the duty advantage, more than 0, in NOK, at most two decimals.',
    }),
    multiple: t.int({
      description:
        'For a violation fee: court fees, from 1 to the maximum of the rule in force (MULTIPLE_OUT_OF_RANGE otherwise).',
    }),
    ground: t.field({
      type: ExemptionGroundEnum,
      description: 'For an additional duty: an exemption that applies. The penalty is then recorded as NOT_IMPOSED.',
    }),
    reason: t.string({ required: true, description: 'Why: the facts the decision rests on, at most 500 characters.' }),
    recordNotImposed: t.boolean({
      description:
        'For an additional duty under the threshold: record it as NOT_IMPOSED rather than be refused with ' +
        'PenaltyBelowThreshold. Refused (NOT_APPLICABLE) when the additional duty is not under the threshold.',
    }),
  }),
});

const ApproveInput = builder.inputType('ApprovePenaltyInput', {
  description: 'A proposed penalty a second officer approves.',
  fields: (t) => ({
    penaltyNumber: t.int({ required: true, description: 'The number of the penalty (Penalty.number).' }),
  }),
});

interface PenaltyPayload {
  readonly penalty: PenaltyRow;
}

const ProposeSuccess = builder.objectRef<PenaltyPayload>('ProposePenaltySuccess').implement({
  description: 'The penalty is stored: PROPOSED for a second officer to approve, or NOT_IMPOSED with its reason.',
  fields: (t) => ({
    penalty: t.field({ type: PenaltyRef, description: 'The penalty.', resolve: (p) => p.penalty }),
  }),
});

const ApproveSuccess = builder.objectRef<PenaltyPayload>('ApprovePenaltySuccess').implement({
  description: 'The penalty is approved and owed by the liable party.',
  fields: (t) => ({
    penalty: t.field({ type: PenaltyRef, description: 'The approved penalty.', resolve: (p) => p.penalty }),
  }),
});

builder.mutationFields((t) => ({
  proposePenalty: t.field({
    type: ProposeSuccess,
    description:
      'Proposes a penalty on a declaration (officers with control:write). An imposed one is PROPOSED and waits for a ' +
      'second officer (approvePenalty); one with an exemption ground, or under the threshold with recordNotImposed, ' +
      'is stored NOT_IMPOSED with its reason. Under the threshold without recordNotImposed: PenaltyBelowThreshold. ' +
      'Problems (REQUIRED, NOT_APPLICABLE, AMOUNT_NOT_POSITIVE, AMOUNT_PRECISION, CURRENCY_NOT_SUPPORTED, ' +
      'MULTIPLE_OUT_OF_RANGE, NO_PENALTY_RULE, COURT_FEE_UNKNOWN) come back as ValidationFailed; nothing is stored.',
    args: { input: t.arg({ type: ProposeInput, required: true, description: 'The penalty.' }) },
    errors: {
      types: [ValidationFailed, NotFound, PenaltyBelowThreshold],
      union: { name: 'ProposePenaltyResult', description: 'The outcome of proposePenalty: the penalty, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => {
      const number = declarationNumberFromId(String(input.declarationId));
      if (number === null) throw new NotFound('declaration');
      const penalty = await proposePenalty(ctx, {
        declarationNumber: number,
        kind: input.kind as PenaltyKind,
        dutyAdvantage: input.dutyAdvantage ? money(input.dutyAdvantage) : null,
        multiple: input.multiple ?? null,
        ground: (input.ground as ExemptionGround | null | undefined) ?? null,
        reason: input.reason,
        recordNotImposed: input.recordNotImposed ?? false,
      });
      return { penalty };
    },
  }),
  approvePenalty: t.field({
    type: ApproveSuccess,
    description:
      'Approves a proposed penalty (officers with control:write): it becomes APPROVED and, in the same transaction, a ' +
      'receivable of the liable party. The officer who proposed it is refused (SegregationOfDuties); a penalty not ' +
      'PROPOSED answers InvalidStatus.',
    args: { input: t.arg({ type: ApproveInput, required: true, description: 'Which penalty.' }) },
    errors: {
      types: [NotFound, InvalidStatus, SegregationOfDuties],
      union: { name: 'ApprovePenaltyResult', description: 'The outcome of approvePenalty: the penalty, or why not.' },
    },
    resolve: async (_root, { input }, ctx) => ({ penalty: await approvePenalty(ctx, input.penaltyNumber) }),
  }),
}));
