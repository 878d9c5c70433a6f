import { builder } from '../../../graphql/builder.js';
import { InvalidStatus, NotFound, ValidationFailed } from '../../../shared/errors.js';
import { AgencySummaryRef, agencyNamed } from '../../agencies/graphql.js';
import { placeHold, releaseHold, requestControl } from '../holds.js';
import { forgetDeclaration } from '../loaders.js';
import type { DeclarationRecord, HoldRow } from '../repository.js';
import { loadDeclarationById } from './queries.js';
import { DeclarationRef } from './types.js';

export const HoldRef = builder.objectRef<HoldRow>('Hold').implement({
  description: 'A hold a partner agency placed on a declaration. While it is active the goods are not released.',
  fields: (t) => ({
    number: t.int({
      description: 'Number of the hold, unique across holds; releaseHold takes it.',
      resolve: (h) => h.id,
    }),
    agency: t.field({
      type: AgencySummaryRef,
      description: 'The agency that placed it.',
      resolve: (h, _args, ctx) => agencyNamed(ctx, h.agencyCode, `hold ${h.id}`),
    }),
    reason: t.exposeString('reason', { description: 'Why the agency holds the goods.' }),
    placedAt: t.field({ type: 'DateTime', description: 'When it was placed.', resolve: (h) => h.placedAt }),
    active: t.boolean({ description: 'True until an officer lifts it.', resolve: (h) => h.releasedAt === null }),
    releasedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was lifted.',
      resolve: (h) => h.releasedAt,
    }),
    releaseReason: t.exposeString('releaseReason', { nullable: true, description: 'Why it was lifted.' }),
    releasedBy: t.exposeString('releasedBy', {
      nullable: true,
      description: 'Employee id of the officer who lifted it. Internal: officers and auditors only.',
    }),
  }),
});

builder.objectFields(DeclarationRef, (t) => ({
  holds: t.field({
    type: [HoldRef],
    description:
      'Holds placed on the declaration by partner agencies, oldest first, lifted ones included. A partner agency sees its own only.',
    resolve: (r, _args, ctx) => ctx.loaders.declarations.holds.load(r.declaration.id),
  }),
  onHold: t.boolean({
    description:
      'True while any hold is active: the goods will not be released. A partner agency sees its own holds only.',
    resolve: async (r, _args, ctx) =>
      (await ctx.loaders.declarations.holds.load(r.declaration.id)).some((h) => !h.releasedAt),
  }),
}));

interface ActionPayload {
  record: DeclarationRecord;
  changed: boolean;
  hold?: HoldRow;
}

const RequestControlSuccess = builder.objectRef<ActionPayload>('RequestControlSuccess').implement({
  description: "The request for control is in the declaration's status history.",
  fields: (t) => ({
    declaration: t.field({ type: DeclarationRef, description: 'The declaration.', resolve: (p) => p.record }),
    changed: t.exposeBoolean('changed', { description: 'False when your agency had already asked for this version.' }),
  }),
});

const HoldSuccess = (name: string, description: string, changed: string) =>
  builder.objectRef<ActionPayload>(name).implement({
    description,
    fields: (t) => ({
      declaration: t.field({ type: DeclarationRef, description: 'The declaration.', resolve: (p) => p.record }),
      hold: t.field({ type: HoldRef, description: 'The hold.', resolve: (p) => p.hold as HoldRow }),
      changed: t.exposeBoolean('changed', { description: changed }),
    }),
  });

const PlaceHoldSuccess = HoldSuccess(
  'PlaceHoldSuccess',
  'The goods are held until an officer lifts the hold.',
  'False when your agency already had an active hold on the declaration (that hold is returned).',
);
const ReleaseHoldSuccess = HoldSuccess(
  'ReleaseHoldSuccess',
  'The hold is lifted.',
  'False when it had been lifted before.',
);

const agencyActionInput = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      declarationId: t.id({ required: true, description: 'Global id of the declaration (Declaration.id).' }),
      reason: t.string({ required: true, description: 'Why, at most 500 characters; shown in the status history.' }),
    }),
  });

const RequestControlInput = agencyActionInput(
  'RequestControlInput',
  "A declaration in your agency's scope to have controlled, and why.",
);
const PlaceHoldInput = agencyActionInput('PlaceHoldInput', "A declaration in your agency's scope to hold, and why.");

const ReleaseHoldInput = builder.inputType('ReleaseHoldInput', {
  description: 'A hold to lift and why.',
  fields: (t) => ({
    holdNumber: t.int({ required: true, description: 'Number of the hold (Hold.number).' }),
    reason: t.string({ required: true, description: 'Why, at most 500 characters.' }),
  }),
});

builder.mutationFields((t) => ({
  requestControl: t.field({
    type: RequestControlSuccess,
    description:
      "Asks the authority to control the goods of a declaration in your agency's scope, before release. " +
      'Needs the request:control grant in your agreement. Asking again for the same version records nothing new.',
    args: {
      input: t.arg({ type: RequestControlInput, required: true, description: 'The declaration and the reason.' }),
    },
    errors: {
      types: [NotFound, InvalidStatus, ValidationFailed],
      union: { name: 'RequestControlResult', description: 'The outcome of requestControl.' },
    },
    resolve: async (_root, args, ctx) => {
      const target = await loadDeclarationById(ctx, String(args.input.declarationId));
      if (!target) throw new NotFound('declaration');
      const result = await requestControl(ctx, target.declaration.id, args.input.reason);
      forgetDeclaration(ctx.loaders.declarations, result.record);
      return result;
    },
  }),
  placeHold: t.field({
    type: PlaceHoldSuccess,
    description:
      "Holds the goods of a declaration in your agency's scope until an officer lifts the hold. Needs the place:hold " +
      'grant in your agreement. One active hold per agency and declaration.',
    args: { input: t.arg({ type: PlaceHoldInput, required: true, description: 'The declaration and the reason.' }) },
    errors: {
      types: [NotFound, InvalidStatus, ValidationFailed],
      union: { name: 'PlaceHoldResult', description: 'The outcome of placeHold.' },
    },
    resolve: async (_root, args, ctx) => {
      const target = await loadDeclarationById(ctx, String(args.input.declarationId));
      if (!target) throw new NotFound('declaration');
      const result = await placeHold(ctx, target.declaration.id, args.input.reason);
      forgetDeclaration(ctx.loaders.declarations, result.record);
      return result;
    },
  }),
  releaseHold: t.field({
    type: ReleaseHoldSuccess,
    description: "Lifts an agency's hold. Officers only. Lifting a lifted hold changes nothing.",
    args: { input: t.arg({ type: ReleaseHoldInput, required: true, description: 'The hold and the reason.' }) },
    errors: {
      types: [NotFound, ValidationFailed],
      union: { name: 'ReleaseHoldResult', description: 'The outcome of releaseHold.' },
    },
    resolve: async (_root, args, ctx) => {
      if (args.input.holdNumber < 1) throw new NotFound('hold');
      const result = await releaseHold(ctx, args.input.holdNumber, args.input.reason);
      forgetDeclaration(ctx.loaders.declarations, result.record);
      return result;
    },
  }),
}));
