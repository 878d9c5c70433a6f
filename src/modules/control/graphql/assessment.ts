import { builder } from '../../../graphql/builder.js';
import { DeclarationRef } from '../../declarations/graphql/types.js';
import type { FiredRule, RequestedDocument, RiskInput } from '../model.js';
import type { RiskAssessmentRow } from '../risk/repository.js';
import { ControlChannelEnum, RiskRuleKindEnum, RiskRuleRef, RiskRuleVersionRef } from './rule-types.js';

const RequestedDocumentRef = builder.objectRef<RequestedDocument>('RequestedDocument').implement({
  description: 'A document the declarant is asked to present for a control.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The document code (as on a goods item’s documents).' }),
    itemNumbers: t.exposeIntList('itemNumbers', { description: 'The goods items it is asked for, as declared.' }),
  }),
});

const DeclarationControlRef = builder.objectRef<RiskAssessmentRow>('DeclarationControl').implement({
  description:
    'What the risk assessment of the current version asks of the declarant: the channel, and the documents to ' +
    'present. Never the rules or the score (those are on riskAssessment, for officers and auditors).',
  fields: (t) => ({
    channel: t.field({
      type: ControlChannelEnum,
      description: 'Release, or the control the goods wait for.',
      resolve: (a) => a.channel,
    }),
    documentsRequested: t.field({
      type: [RequestedDocumentRef],
      description: 'Documents to present for a documentary or physical control; empty for release.',
      resolve: (a) => a.documentsRequested,
    }),
    assessedVersion: t.int({
      description: 'The version of the declaration it was decided on.',
      resolve: (a) => a.version,
    }),
  }),
});

const RiskInputRef = builder.objectRef<RiskInput>('RiskInput').implement({
  description: 'One fact a rule fired on.',
  fields: (t) => ({
    name: t.exposeString('name', { description: 'What the fact is (with the goods item it belongs to).' }),
    value: t.exposeString('value', { description: 'Its value.' }),
  }),
});

const FiredRuleRef = builder.objectRef<FiredRule>('FiredRiskRule').implement({
  description: 'A rule that fired on the version, with what it fired on.',
  fields: (t) => ({
    rule: t.field({
      type: RiskRuleRef,
      description: 'The rule.',
      resolve: async (f, _args, ctx) => {
        const rule = await ctx.loaders.control.rule.load(f.ruleId);
        if (!rule) throw new Error(`risk rule ${f.ruleId} is gone`);
        return rule;
      },
    }),
    ruleVersion: t.field({
      type: RiskRuleVersionRef,
      description: 'The version of the rule that applied.',
      resolve: async (f, _args, ctx) => {
        const version = (await ctx.loaders.control.ruleVersions.load(f.ruleId)).find(
          (v) => v.version === f.ruleVersion,
        );
        if (!version) throw new Error(`risk rule ${f.ruleId} has no version ${f.ruleVersion}`);
        return version;
      },
    }),
    kind: t.field({ type: RiskRuleKindEnum, description: 'The kind of rule.', resolve: (f) => f.kind }),
    itemNumbers: t.exposeIntList('itemNumbers', {
      description: 'Goods items it fired on; empty for a rule on the whole declaration.',
    }),
    inputs: t.field({ type: [RiskInputRef], description: 'The facts it fired on.', resolve: (f) => f.inputs }),
    weight: t.exposeInt('weight', {
      nullable: true,
      description: 'What it added to the score; null for a direct channel.',
    }),
    channel: t.field({
      type: ControlChannelEnum,
      nullable: true,
      description: 'The channel it sent to directly; null for a weighted rule.',
      resolve: (f) => f.channel,
    }),
  }),
});

const RiskAssessmentRef = builder.objectRef<RiskAssessmentRow>('RiskAssessment').implement({
  description:
    'The risk assessment of an accepted version: every rule that fired, with its inputs, the score and the channel. ' +
    'Officers and auditors.',
  fields: (t) => ({
    version: t.exposeInt('version', { description: 'The version of the declaration assessed.' }),
    rulesVersion: t.exposeInt('rulesVersion', { description: 'The version of the rule set it was assessed with.' }),
    score: t.exposeInt('score', { description: 'The sum of the weights of the rules that fired.' }),
    channel: t.field({ type: ControlChannelEnum, description: 'Where it was sent.', resolve: (a) => a.channel }),
    randomSample: t.exposeBoolean('randomSample', {
      description: 'True when the random selection chose it: it belongs to the unbiased sample.',
    }),
    firedRules: t.field({
      type: [FiredRuleRef],
      description: 'The rules that fired, in rule order.',
      resolve: (a) => a.fired,
    }),
    documentsRequested: t.field({
      type: [RequestedDocumentRef],
      description: 'Documents requested of the declarant.',
      resolve: (a) => a.documentsRequested,
    }),
    assessedAt: t.field({ type: 'DateTime', description: 'When it was assessed.', resolve: (a) => a.assessedAt }),
  }),
});

builder.objectFields(DeclarationRef, (t) => ({
  control: t.field({
    type: DeclarationControlRef,
    nullable: true,
    description:
      'The channel the latest accepted version was sent to and the documents the declarant is asked for. The ' +
      'declarant and the party see it on their declarations, officers and auditors on all; an agency that may ' +
      'request controls sees it only on a declaration it asked to control. Null before a risk assessment.',
    resolve: async (r, _args, ctx) => {
      if (ctx.principal.role === 'agency') {
        const agency = ctx.principal.agencyCode;
        const events = await ctx.loaders.declarations.events.load(r.declaration.id);
        if (!events.some((e) => e.kind === 'CONTROL_REQUESTED' && e.actorId === agency)) return null;
      }
      return ctx.loaders.control.latestAssessment.load(r.declaration.id);
    },
  }),
  riskAssessment: t.field({
    type: RiskAssessmentRef,
    nullable: true,
    description: 'The risk assessment of the latest accepted version. Officers and auditors. Null before one.',
    resolve: (r, _args, ctx) => ctx.loaders.control.latestAssessment.load(r.declaration.id),
  }),
}));
