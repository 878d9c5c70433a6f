import { builder } from '../../../../graphql/builder.js';
import { MoneyRef } from '../../../../graphql/common.js';
import { formatMoney } from '../../../../shared/money.js';
import type { CourtFee, PenaltyRule } from '../model.js';
import { penaltyRules } from '../service.js';
import { PenaltyKindEnum } from './types.js';

const PenaltyRuleRef = builder.objectRef<PenaltyRule>('PenaltyRule').implement({
  description:
    'A version of a penalty rule, in force from validFrom to validTo inclusive: the figures a penalty decided on a ' +
    'day in that period is computed with, and where they were read. A penalty line cites it by id.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable id, as PenaltyLine.ruleId cites it (ADDITIONAL-DUTY-2023 ...).' }),
    kind: t.field({ type: PenaltyKindEnum, description: 'Which penalty it computes.', resolve: (r) => r.kind }),
    validFrom: t.field({ type: 'Date', description: 'First day in force.', resolve: (r) => r.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force; null while no later rule replaces it.',
      resolve: (r) => r.validTo,
    }),
    ratePercent: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Additional duty: per cent of the duty advantage. Null for the violation fee.',
      resolve: (r) => r.ratePercent,
    }),
    threshold: t.field({
      type: MoneyRef,
      nullable: true,
      description:
        'Additional duty: no additional duty is imposed when it would be under this amount (the threshold is on the ' +
        'additional duty, not on the advantage). Null for the violation fee.',
      resolve: (r) => (r.thresholdOre === null ? null : { amount: formatMoney(r.thresholdOre), currency: 'NOK' }),
    }),
    maxMultiple: t.int({
      nullable: true,
      description: 'Violation fee: the most court fees it may be. Null for the additional duty.',
      resolve: (r) => r.maxMultiple,
    }),
    legalBasis: t.exposeString('legalBasis', { description: 'The provisions the rule states.' }),
    source: t.exposeString('source', { description: 'Where the figures were read, and how sure they are.' }),
  }),
});

const CourtFeeRef = builder.objectRef<CourtFee>('CourtFee').implement({
  description:
    'The court fee (rettsgebyret, rettsgebyrloven § 1) of a period: the unit a violation fee is counted in. A day with ' +
    'no court fee on record cannot have a violation fee computed (COURT_FEE_UNKNOWN) until it is loaded.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'Stable id, as PenaltyLine.ruleId cites it (COURT-FEE-2025 ...).' }),
    validFrom: t.field({ type: 'Date', description: 'First day in force.', resolve: (f) => f.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force; null until the court fee of a later year is loaded.',
      resolve: (f) => f.validTo,
    }),
    amount: t.field({
      type: MoneyRef,
      description: 'One court fee.',
      resolve: (f) => ({ amount: formatMoney(f.amountOre), currency: 'NOK' }),
    }),
    source: t.exposeString('source', { description: 'Where the figure was read, and how sure it is.' }),
  }),
});

builder.queryFields((t) => ({
  penaltyRules: t.field({
    type: [PenaltyRuleRef],
    description: 'Every version of the penalty rules, oldest first, with their figures and sources. Public.',
    resolve: async (_root, _args, ctx) => (await penaltyRules(ctx.db)).rules,
  }),
  courtFees: t.field({
    type: [CourtFeeRef],
    description: 'The court fees on record, oldest first, with their sources. Public.',
    resolve: async (_root, _args, ctx) => (await penaltyRules(ctx.db)).courtFees,
  }),
}));
