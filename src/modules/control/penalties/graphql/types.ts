import { builder } from '../../../../graphql/builder.js';
import { MoneyRef, type MoneyShape } from '../../../../graphql/common.js';
import { UserErrorInterface } from '../../../../graphql/errors.js';
import { SegregationOfDuties } from '../../../../shared/errors.js';
import { formatMoney, type Money } from '../../../../shared/money.js';
import { DeclarationRef } from '../../../declarations/graphql/types.js';
import {
  type ExemptionGround,
  type NotImposedReason,
  PenaltyBelowThreshold,
  type PenaltyCalculation,
  type PenaltyKind,
  type PenaltyLine,
  type PenaltyStatus,
  type PenaltyStep,
} from '../model.js';
import { calculationOf, type PenaltyRow } from '../service.js';

const nok = (amount: Money): MoneyShape => ({ amount: formatMoney(amount), currency: 'NOK' });

export const PenaltyKindEnum = builder.enumType('PenaltyKind', {
  description: 'The kinds of penalty for errors in what a party declares.',
  values: {
    ADDITIONAL_DUTY: {
      description:
        'Additional duty (tilleggsavgift, tollavgiftsloven § 12-3): a per cent of the duty advantage obtained or that ' +
        'could have been obtained through wrong or incomplete information.',
    },
    VIOLATION_FEE: {
      description:
        'Violation fee (overtredelsesgebyr, vareførselsloven § 12-2): a number of court fees for a breach of the ' +
        'duty to declare or present goods.',
    },
  } satisfies Record<PenaltyKind, { description: string }>,
});

export const ExemptionGroundEnum = builder.enumType('PenaltyExemptionGround', {
  description: 'Why an additional duty is not imposed although the information was wrong, as an officer finds it.',
  values: {
    EXCUSABLE_ERROR: { description: "The party's error is excusable (tollavgiftsloven § 12-3 (3))." },
    OBVIOUS_SLIP: { description: 'An obvious slip in calculation or writing (tollavgiftsloven § 12-4 (1) a).' },
    VOLUNTARY_CORRECTION_BEFORE_CONTROL: {
      description:
        'The party corrected the information voluntarily, not prompted by a control or by information the authority ' +
        'had from others (tollavgiftsloven § 12-4 (1) b).',
    },
  } satisfies Record<ExemptionGround, { description: string }>,
});

const NotImposedReasonEnum = builder.enumType('PenaltyNotImposedReason', {
  description: 'Why no additional duty is imposed.',
  values: {
    EXCUSABLE_ERROR: { description: 'The error is excusable.' },
    OBVIOUS_SLIP: { description: 'An obvious slip in calculation or writing.' },
    VOLUNTARY_CORRECTION_BEFORE_CONTROL: { description: 'Corrected voluntarily before a control.' },
    BELOW_THRESHOLD: {
      description:
        'The additional duty would be under the threshold of its rule (NOK 1,000 from 2023, tollavgiftsloven ' +
        '§ 12-4 (1) d). The threshold applies to the additional duty, not to the duty advantage.',
    },
  } satisfies Record<NotImposedReason, { description: string }>,
});

const PenaltyStepEnum = builder.enumType('PenaltyStep', {
  description: 'What a line of a penalty calculation does.',
  values: {
    RATE: { description: "The rule's per cent of the duty advantage." },
    THRESHOLD: { description: 'The amount compared with the threshold below which it is not imposed.' },
    EXEMPTION: { description: 'An exemption ground: nothing is imposed.' },
    MAXIMUM: { description: 'The most court fees the rule allows, and what they come to.' },
    COURT_FEES: { description: 'The court fees decided, times the court fee in force on the day.' },
  } satisfies Record<PenaltyStep, { description: string }>,
});

const PenaltyStatusEnum = builder.enumType('PenaltyStatus', {
  description: 'Where a penalty stands.',
  values: {
    PROPOSED: { description: 'Proposed by an officer; a second officer must approve it before anything is owed.' },
    APPROVED: { description: 'Approved by a second officer: it is a receivable of the liable party.' },
    NOT_IMPOSED: { description: 'Recorded as not imposed, with the reason (an exemption or the threshold).' },
  } satisfies Record<PenaltyStatus, { description: string }>,
});

const PenaltyLineRef = builder.objectRef<PenaltyLine>('PenaltyLine').implement({
  description: 'One step of a penalty calculation, like a line of an assessment: the rule, its basis and its result.',
  fields: (t) => ({
    step: t.field({ type: PenaltyStepEnum, description: 'What the step does.', resolve: (l) => l.step }),
    ruleId: t.exposeString('ruleId', {
      description: 'Id of the penalty rule or court fee the step applies (ADDITIONAL-DUTY-2023, COURT-FEE-2025 ...).',
    }),
    validFrom: t.field({ type: 'Date', description: 'First day the rule is in force.', resolve: (l) => l.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day the rule is in force; null while it has no end.',
      resolve: (l) => l.validTo,
    }),
    legalBasis: t.exposeString('legalBasis', { description: 'The provisions the step applies.' }),
    basis: t.field({ type: MoneyRef, description: 'What the step starts from.', resolve: (l) => nok(l.basis) }),
    ratePercent: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'The per cent applied, for a RATE step; null otherwise.',
      resolve: (l) => l.ratePercent,
    }),
    multiple: t.int({
      nullable: true,
      description: 'Court fees, for the MAXIMUM and COURT_FEES steps; null otherwise.',
      resolve: (l) => l.multiple,
    }),
    amount: t.field({
      type: MoneyRef,
      description: "What the step gives; the last line's amount is the penalty.",
      resolve: (l) => nok(l.amount),
    }),
    explanation: t.exposeString('explanation', { description: 'The step in a sentence.' }),
  }),
});

export const PenaltyCalculationRef = builder.objectRef<PenaltyCalculation>('PenaltyCalculation').implement({
  description:
    'A penalty computed by the rules in force on the day of the decision and explained line by line. Amounts are ' +
    'rounded half-up to øre once, on the line that applies a rate.',
  fields: (t) => ({
    kind: t.field({ type: PenaltyKindEnum, description: 'Which penalty.', resolve: (c) => c.kind }),
    decidedOn: t.field({
      type: 'Date',
      description: 'The day of the decision, whose rules apply.',
      resolve: (c) => c.decidedOn,
    }),
    imposed: t.exposeBoolean('imposed', {
      description: 'False when the penalty is not imposed (see notImposedReason).',
    }),
    amount: t.field({
      type: MoneyRef,
      description: 'The penalty; NOK 0.00 when not imposed.',
      resolve: (c) => nok(c.amount),
    }),
    computedAmount: t.field({
      type: MoneyRef,
      description: "What the rule's rate gives before the threshold or an exemption is applied.",
      resolve: (c) => nok(c.computedAmount),
    }),
    notImposedReason: t.field({
      type: NotImposedReasonEnum,
      nullable: true,
      description: 'Why it is not imposed; null when it is.',
      resolve: (c) => c.notImposedReason,
    }),
    lines: t.field({ type: [PenaltyLineRef], description: 'The steps, in order.', resolve: (c) => c.lines }),
  }),
});

export const PenaltyRef = builder.objectRef<PenaltyRow>('Penalty').implement({
  description:
    'A penalty decided on a declaration, with the calculation frozen as it was decided. Officers and auditors see ' +
    'every penalty; the liable party and the declarant see approved ones only; agencies none.',
  fields: (t) => ({
    number: t.exposeInt('id', {
      description: 'Number of the penalty, unique across penalties; approvePenalty takes it.',
    }),
    kind: t.field({ type: PenaltyKindEnum, description: 'Which penalty.', resolve: (p) => p.kind }),
    status: t.field({ type: PenaltyStatusEnum, description: 'Where it stands.', resolve: (p) => p.status }),
    declaration: t.field({
      type: DeclarationRef,
      description: 'The declaration it was decided on.',
      resolve: async (p, _args, ctx) => {
        const record = await ctx.loaders.declarations.declarationById.load(p.declarationId);
        // Penalties are read through a declaration the caller sees, so it is always there.
        if (!record) throw new Error(`penalty ${p.id} names a declaration the caller cannot see`);
        return record;
      },
    }),
    calculation: t.field({
      type: PenaltyCalculationRef,
      description: 'The calculation, line by line, as decided.',
      resolve: (p) => calculationOf(p),
    }),
    ground: t.field({
      type: ExemptionGroundEnum,
      nullable: true,
      description: 'The exemption ground the officer recorded; null when none.',
      resolve: (p) => p.ground,
    }),
    reason: t.exposeString('reason', { description: "The proposing officer's reason." }),
    decidedOn: t.field({
      type: 'Date',
      description: 'The day it was proposed, whose rules apply.',
      resolve: (p) => p.decidedOn,
    }),
    proposedAt: t.field({ type: 'DateTime', description: 'When it was proposed.', resolve: (p) => p.proposedAt }),
    proposedBy: t.exposeString('proposedBy', {
      nullable: true,
      description: 'Employee id of the proposing officer. Internal: officers and auditors only.',
    }),
    approvedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When a second officer approved it; null until then.',
      resolve: (p) => p.approvedAt,
    }),
    approvedBy: t.exposeString('approvedBy', {
      nullable: true,
      description: 'Employee id of the approving officer. Internal: officers and auditors only.',
    }),
    receivableId: t.exposeString('receivableId', {
      nullable: true,
      description:
        'Id of the receivable payments created when it was approved; null before approval, and while payments does not ' +
        'yet create receivables for penalties.',
    }),
  }),
});

builder.objectFields(DeclarationRef, (t) => ({
  penalties: t.field({
    type: [PenaltyRef],
    nullable: true,
    description:
      'Penalties decided on the declaration, oldest first. Officers and auditors see all of them, proposed and not ' +
      'imposed ones included; the liable party and the declarant the approved ones; agencies none.',
    resolve: (r, _args, ctx) => ctx.loaders.penalties.byDeclaration.load(r.declaration.id),
  }),
}));

builder.objectType(SegregationOfDuties, {
  name: 'SegregationOfDuties',
  description: 'The officer who proposed the decision cannot approve it: a second officer must. Nothing changed.',
  interfaces: [UserErrorInterface],
});

builder.objectType(PenaltyBelowThreshold, {
  name: 'PenaltyBelowThreshold',
  description:
    'The additional duty would be under the threshold of its rule, so it is not imposed. Propose it again with ' +
    'recordNotImposed to record that decision. Nothing was stored.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    computedAmount: t.field({
      type: MoneyRef,
      description: "What the rule's rate gives.",
      resolve: (e) => nok(e.computedAmount),
    }),
    threshold: t.field({
      type: MoneyRef,
      description: 'The amount below which it is not imposed.',
      resolve: (e) => nok(e.threshold),
    }),
  }),
});
