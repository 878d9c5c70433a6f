import { builder } from '../../../graphql/builder.js';
import { UserErrorInterface } from '../../../graphql/errors.js';
import {
  IdempotencyConflict,
  InvalidStatus,
  NotFound,
  NotPermitted,
  ValidationFailed,
  VersionConflict,
} from '../../../shared/errors.js';
import { forgetDeclaration } from '../loaders.js';
import type { DeclarationRecord } from '../repository.js';
import { amendDeclaration, cancelDeclaration, submitDeclaration } from '../service.js';
import { DeclarationInput, toDraft } from './inputs.js';
import { loadDeclarationById } from './queries.js';
import { DeclarationRef } from './types.js';

builder.objectType(IdempotencyConflict, {
  name: 'IdempotencyConflict',
  description:
    'Your reference was already used for a declaration with different content. Nothing was stored. ' +
    'Use a new reference, or amendDeclaration to change the existing declaration.',
  interfaces: [UserErrorInterface],
  fields: (t) => ({
    clientReference: t.exposeString('clientReference', { description: 'The reference that was reused.' }),
    existingDeclaration: t.field({
      type: DeclarationRef,
      nullable: true,
      description: 'The declaration that already carries the reference.',
      resolve: (error, _args, ctx) => ctx.loaders.declarations.declarationById.load(error.existingDeclarationId),
    }),
  }),
});

interface SubmitPayload {
  record: DeclarationRecord;
  replayed: boolean;
}

const SubmitSuccess = builder.objectRef<SubmitPayload>('SubmitDeclarationSuccess').implement({
  description: 'The declaration was received (or had been: see `replayed`).',
  fields: (t) => ({
    declaration: t.field({ type: DeclarationRef, description: 'The declaration.', resolve: (p) => p.record }),
    replayed: t.exposeBoolean('replayed', {
      description:
        'True when this reference and content had been submitted before and the earlier declaration is returned.',
    }),
  }),
});

interface ChangePayload {
  record: DeclarationRecord;
  changed: boolean;
}

function changePayload(name: string, description: string, changedDescription: string) {
  return builder.objectRef<ChangePayload>(name).implement({
    description,
    fields: (t) => ({
      declaration: t.field({
        type: DeclarationRef,
        description: 'The declaration after the change.',
        resolve: (p) => p.record,
      }),
      changed: t.exposeBoolean('changed', { description: changedDescription }),
    }),
  });
}

const AmendSuccess = changePayload(
  'AmendDeclarationSuccess',
  'The amendment was stored as a new version (or was already the current content).',
  'False when the content equalled the current version of a declaration that may still be amended, as on a retry: ' +
    'no new version was made.',
);

const CancelSuccess = changePayload(
  'CancelDeclarationSuccess',
  'The declaration is cancelled.',
  'False when it was already cancelled, as on a retry.',
);

const AmendInput = builder.inputType('AmendDeclarationInput', {
  description: 'A new version of a declaration.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global id of the declaration (Declaration.id).' }),
    expectedVersion: t.int({
      description: 'The version your change is based on. If the declaration has moved on, you get a VersionConflict.',
    }),
    reason: t.string({ description: 'Why you amend, for the status history.' }),
    declaration: t.field({ type: DeclarationInput, required: true, description: 'The complete new content.' }),
  }),
});

const CancelInput = builder.inputType('CancelDeclarationInput', {
  description: 'Cancels a declaration that is not yet released.',
  fields: (t) => ({
    id: t.id({ required: true, description: 'Global id of the declaration (Declaration.id).' }),
    reason: t.string({ description: 'Why, for the status history.' }),
  }),
});

builder.mutationFields((t) => ({
  submitDeclaration: t.field({
    type: SubmitSuccess,
    description:
      'Submits an import or export declaration as the business in the token. Idempotent on `clientReference`: ' +
      'resending the same content returns the same declaration, whatever its status since (a cancelled one too); ' +
      'other content under the same reference is an IdempotencyConflict. A valid declaration is accepted and ' +
      'assessed at once. Preview the assessment first with calculateImportDuties, which takes the same goods items.',
    args: { input: t.arg({ type: DeclarationInput, required: true, description: 'The declaration.' }) },
    errors: {
      types: [ValidationFailed, IdempotencyConflict],
      union: {
        name: 'SubmitDeclarationResult',
        description: 'The outcome of submitDeclaration: the declaration, or why not.',
      },
    },
    resolve: async (_root, args, ctx) => {
      const result = await submitDeclaration(ctx, toDraft(args.input), ['input']);
      forgetDeclaration(ctx.loaders.declarations, result.record);
      return result;
    },
  }),
  amendDeclaration: t.field({
    type: AmendSuccess,
    description:
      'Replaces the content of a declaration with a new version; earlier versions stay readable, and the new version ' +
      'is assessed at the rates of the day, with the difference from the last one. Only the declarant may amend: ' +
      'another party that sees the declaration gets NotPermitted. A rejected, cancelled or seized declaration answers ' +
      'InvalidStatus to every amendment, one repeating its content included. Otherwise it is idempotent: the content ' +
      'of the current version again answers `changed: false` and stores nothing. The type and the client reference ' +
      'cannot change. With `expectedVersion`, a declaration that moved on since answers VersionConflict.',
    args: { input: t.arg({ type: AmendInput, required: true, description: 'The amendment.' }) },
    errors: {
      types: [ValidationFailed, NotFound, InvalidStatus, VersionConflict, NotPermitted],
      union: {
        name: 'AmendDeclarationResult',
        description: 'The outcome of amendDeclaration: the new version, or why not.',
      },
    },
    resolve: async (_root, args, ctx) => {
      const target = await loadDeclarationById(ctx, String(args.input.id));
      if (!target) throw new NotFound('declaration');
      const result = await amendDeclaration(ctx, {
        id: target.declaration.id,
        expectedVersion: args.input.expectedVersion ?? null,
        reason: args.input.reason?.trim() || null,
        draft: toDraft(args.input.declaration),
        path: ['input', 'declaration'],
      });
      forgetDeclaration(ctx.loaders.declarations, result.record);
      return result;
    },
  }),
  cancelDeclaration: t.field({
    type: CancelSuccess,
    description:
      'Cancels a declaration before release. Only the declarant may cancel: another party that sees the declaration ' +
      'gets NotPermitted. Cancelling twice is harmless (`changed: false`). A cancelled declaration is final: it cannot ' +
      'be amended, owes nothing, and keeps its client reference, so submitting the same content under that ' +
      'reference again returns the cancelled declaration (`replayed: true`) and other content is an ' +
      'IdempotencyConflict. Submit a new declaration under a new reference.',
    args: { input: t.arg({ type: CancelInput, required: true, description: 'What to cancel.' }) },
    errors: {
      types: [NotFound, InvalidStatus, NotPermitted],
      union: {
        name: 'CancelDeclarationResult',
        description: 'The outcome of cancelDeclaration: the cancelled declaration, or why not.',
      },
    },
    resolve: async (_root, args, ctx) => {
      const target = await loadDeclarationById(ctx, String(args.input.id));
      if (!target) throw new NotFound('declaration');
      const result = await cancelDeclaration(ctx, target.declaration.id, args.input.reason?.trim() || null);
      forgetDeclaration(ctx.loaders.declarations, result.record);
      return result;
    },
  }),
}));
