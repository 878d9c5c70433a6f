import { builder } from '../../../graphql/builder.js';
import { ValidationFailed } from '../../../shared/errors.js';
import type { ControlChannel } from '../model.js';
import { type ControlStrategyReport, controlStrategyReport, type StrategyCounts } from '../risk/strategy.js';
import { ControlChannelEnum, RiskRuleRef } from './rule-types.js';

/** The longest period one report covers: it reads every assessment of the period. */
const MAX_DAYS = 366;
const DAY_MS = 86_400_000;

const CountsRef = builder.interfaceRef<StrategyCounts>('ControlStrategyCounts').implement({
  description: 'Selections in a period and what the controls of them found: the hit rate.',
  fields: (t) => ({
    fired: t.exposeInt('fired', {
      description: 'Declarations assessed in the period this row counts (the rule fired; the channel was chosen).',
    }),
    selected: t.exposeInt('selected', { description: 'Of those, sent to a documentary or physical control.' }),
    controlled: t.exposeInt('controlled', {
      description: 'Controls decided in the period of declarations in this row.',
    }),
    discrepancies: t.exposeInt('discrepancies', { description: 'Of those, the controls that found a discrepancy.' }),
    hitRate: t.float({
      nullable: true,
      description: 'discrepancies / controlled, from 0 to 1; null when nothing was controlled.',
      resolve: (row) => (row.controlled === 0 ? null : row.discrepancies / row.controlled),
    }),
  }),
});

const RuleRowRef = builder.objectRef<{ ruleId: number } & StrategyCounts>('ControlStrategyRuleRow').implement({
  description: 'What one rule selected in the period, and what the controls of its selections found.',
  interfaces: [CountsRef],
  fields: (t) => ({
    rule: t.field({
      type: RiskRuleRef,
      description: 'The rule.',
      resolve: async (r, _args, ctx) => {
        const rule = await ctx.loaders.control.rule.load(r.ruleId);
        if (!rule) throw new Error(`risk rule ${r.ruleId} is gone`);
        return rule;
      },
    }),
  }),
});

const ChannelRowRef = builder
  .objectRef<{ channel: ControlChannel } & StrategyCounts>('ControlStrategyChannelRow')
  .implement({
    description: 'The declarations sent to one channel in the period, and what their controls found.',
    interfaces: [CountsRef],
    fields: (t) => ({
      channel: t.field({ type: ControlChannelEnum, description: 'The channel.', resolve: (r) => r.channel }),
    }),
  });

const SampleRowRef = builder.objectRef<StrategyCounts>('ControlStrategySampleRow').implement({
  description: 'The random selection’s sample: the unbiased hit rate the rules are compared with.',
  interfaces: [CountsRef],
  fields: () => ({}),
});

const ReportRef = builder.objectRef<ControlStrategyReport>('ControlStrategyReport').implement({
  description:
    'How well the risk rules select, over a period: per rule, per channel and for the random sample, the ' +
    'declarations selected and the controls that found discrepancies. A declaration counts once, by its latest ' +
    'assessment and control in the period. A rule whose hit rate is not above the sample’s finds nothing the ' +
    'random selection would not: a candidate for retiring. Officers and auditors.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'First day of the period.', resolve: (r) => r.from }),
    to: t.field({ type: 'Date', description: 'Last day of the period.', resolve: (r) => r.to }),
    assessed: t.exposeInt('assessed', { description: 'Declarations assessed in the period.' }),
    byRule: t.field({
      type: [RuleRowRef],
      description: 'Every rule that fired or was controlled, by rule.',
      resolve: (r) => [...r.byRule],
    }),
    byChannel: t.field({
      type: [ChannelRowRef],
      description: 'Every channel, RELEASE first.',
      resolve: (r) => [...r.byChannel],
    }),
    randomSample: t.field({ type: SampleRowRef, description: 'The random sample.', resolve: (r) => r.randomSample }),
  }),
});

builder.queryField('controlStrategyReport', (t) =>
  t.field({
    type: ReportRef,
    nullable: true,
    description:
      'The control strategy report over the days from `from` to `to` (inclusive, at the authority), at most ' +
      `${MAX_DAYS} days. Officers and auditors. A period that ends before it starts or is too long: INVALID_PERIOD.`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'First day.' }),
      to: t.arg({ type: 'Date', required: true, description: 'Last day.' }),
    },
    errors: {
      types: [ValidationFailed],
      union: { name: 'ControlStrategyReportResult', description: 'The report, or why not.' },
    },
    resolve: (_root, args, ctx) => {
      const days = (Date.parse(args.to) - Date.parse(args.from)) / DAY_MS + 1;
      if (days < 1 || days > MAX_DAYS)
        throw new ValidationFailed([
          {
            code: 'INVALID_PERIOD',
            path: ['to'],
            message: `From 1 to ${MAX_DAYS} days, the last not before the first.`,
          },
        ]);
      return controlStrategyReport(ctx.db, args.from, args.to);
    },
  }),
);
