import { builder } from '../../../graphql/builder.js';
import { NotFound, NotPermitted, ValidationFailed } from '../../../shared/errors.js';
import type { MandateKind } from '../model.js';
import { type GrantResult, grantMandate, type RevokeResult, revokeMandate } from '../service.js';
import { MandateKindEnum, MandateRef, mandateIdFromArgument } from './types.js';

const GrantMandateInput = builder.inputType('GrantMandateInput', {
  description: 'A mandate the caller grants, as the represented business or private person.',
  fields: (t) => ({
    // Plain text, so that a malformed number is reported as an input problem at its path.
    representative: t.field({
      type: 'OrganisationNumber',
      required: true,
      description: 'Organisation number of the customs representative (broker, courier, postal operator).',
    }),
    kind: t.field({ type: MandateKindEnum, required: true, description: 'Direct or indirect representation.' }),
    validFrom: t.field({ type: 'Date', description: 'First day in force, today or later; today when omitted.' }),
    validTo: t.field({
      type: 'Date',
      description: 'Last day in force, not before validFrom; open-ended when omitted.',
    }),
  }),
});

const RevokeMandateInput = builder.inputType('RevokeMandateInput', {
  description: 'A mandate the caller granted and now revokes.',
  fields: (t) => ({ id: t.id({ required: true, description: 'Global id of the mandate.' }) }),
});

const GrantSuccess = builder.objectRef<GrantResult>('GrantMandateSuccess').implement({
  description: 'The mandate is granted (or already was: see `replayed`).',
  fields: (t) => ({
    mandate: t.field({ type: MandateRef, description: 'The mandate.', resolve: (r) => r.mandate }),
    replayed: t.exposeBoolean('replayed', {
      description: 'True when the same mandate had been granted before and that one is returned; nothing was stored.',
    }),
  }),
});

const RevokeSuccess = builder.objectRef<RevokeResult>('RevokeMandateSuccess').implement({
  description: 'The mandate is revoked from now on; it stays on record.',
  fields: (t) => ({
    mandate: t.field({ type: MandateRef, description: 'The revoked mandate.', resolve: (r) => r.mandate }),
    changed: t.exposeBoolean('changed', {
      description: 'False when it had already been revoked, as on a retry: nothing changed.',
    }),
  }),
});

builder.mutationFields((t) => ({
  grantMandate: t.field({
    type: GrantSuccess,
    description:
      'Grants a customs representative a mandate to declare on behalf of the caller: a business, or a private ' +
      'person whose goods a courier or postal operator declares. Idempotent: granting the same representative the ' +
      'same kind and last day again, from the same first day (or, without one, while that mandate is in force), ' +
      'returns the existing mandate. Between two parties unrevoked mandates never overlap: MANDATE_OVERLAPS ' +
      'otherwise. Problems: REPRESENTATIVE_IS_GRANTOR, DATE_IN_PAST, INVALID_PERIOD; an organisation number with a ' +
      'wrong check digit is refused as the request is read.',
    args: { input: t.arg({ type: GrantMandateInput, required: true, description: 'The mandate.' }) },
    errors: {
      types: [ValidationFailed],
      union: { name: 'GrantMandateResult', description: 'The outcome of grantMandate: the mandate, or why not.' },
    },
    resolve: (_root, { input }, ctx) =>
      grantMandate(ctx, {
        representative: input.representative.replace(/\s/g, ''),
        kind: input.kind as MandateKind,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
      }),
  }),
  revokeMandate: t.field({
    type: RevokeSuccess,
    description:
      'Revokes a mandate the caller granted, from this moment: declarations submitted or amended from now on cannot ' +
      'rely on it, earlier ones are unaffected. Only the grantor may revoke (the representative gets NotPermitted); ' +
      'revoking twice is harmless.',
    args: { input: t.arg({ type: RevokeMandateInput, required: true, description: 'What to revoke.' }) },
    errors: {
      types: [NotFound, NotPermitted],
      union: { name: 'RevokeMandateResult', description: 'The outcome of revokeMandate: the mandate, or why not.' },
    },
    resolve: (_root, { input }, ctx) => {
      const id = mandateIdFromArgument(String(input.id));
      if (id === null) throw new NotFound('mandate');
      return revokeMandate(ctx, id);
    },
  }),
}));
