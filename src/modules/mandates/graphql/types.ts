import { decodeGlobalID } from '@pothos/plugin-relay';
import { builder } from '../../../graphql/builder.js';
import { OrganisationRef } from '../../parties/graphql.js';
import type { MandateKind } from '../model.js';
import type { MandateRow } from '../repository.js';
import { isInForce } from '../service.js';

export const MandateKindEnum = builder.enumType('MandateKind', {
  description: 'How a customs representative represents the grantor.',
  values: {
    DIRECT: {
      description: 'Direct representation: in the name and on behalf of the grantor, who alone owes the duties.',
    },
    INDIRECT: {
      description:
        "Indirect representation: in the representative's own name on behalf of the grantor; the representative " +
        'is liable for the duties together with the grantor.',
    },
  } satisfies Record<MandateKind, { description: string }>,
});

const MANDATE_ID = /^[1-9]\d{0,14}$/;

/** The row id behind a mandate id argument (its global id, or the number itself); null when it is neither. */
export function mandateIdFromArgument(id: string): number | null {
  if (MANDATE_ID.test(id)) return Number(id);
  try {
    const decoded = decodeGlobalID(id);
    return decoded.typename === 'Mandate' && MANDATE_ID.test(decoded.id) ? Number(decoded.id) : null;
  } catch {
    return null;
  }
}

export const MandateRef = builder.objectRef<MandateRow>('Mandate');

builder.node(MandateRef, {
  description:
    'A representation mandate: a business, or a private person, authorises a customs representative to declare ' +
    'goods on its behalf, directly or indirectly, for a period. Seen by the grantor, the representative, officers ' +
    'and auditors. A declaration naming another party as importer, exporter or represented party needs one in force.',
  id: {
    resolve: (m) => String(m.id),
    // A malformed id loads nothing, as an id that does not exist.
    parse: (id) => (MANDATE_ID.test(id) ? Number(id) : 0),
  },
  loadMany: (ids, ctx) => ids.map((id) => (id > 0 ? ctx.loaders.mandates.mandateById.load(id) : null)),
  fields: (t) => ({
    kind: t.field({
      type: MandateKindEnum,
      description: 'Direct or indirect representation.',
      resolve: (m) => m.kind,
    }),
    grantorOrganisation: t.field({
      type: OrganisationRef,
      nullable: true,
      description: 'The represented business; null when the grantor is a private person.',
      resolve: (m) => (m.grantorOrgnr ? { organisationNumber: m.grantorOrgnr } : null),
    }),
    grantorNationalIdentityNumber: t.string({
      nullable: true,
      description:
        'The represented private person, whose goods a courier or postal operator declares; null when the grantor ' +
        'is a business. Personal data: shown to the person, the representative, officers and auditors only.',
      resolve: (m) => m.grantorNationalId,
    }),
    representative: t.field({
      type: OrganisationRef,
      description: 'The customs representative (broker, courier, postal operator) the mandate is given to.',
      resolve: (m) => ({ organisationNumber: m.representativeOrgnr }),
    }),
    validFrom: t.field({ type: 'Date', description: 'First day in force.', resolve: (m) => m.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force; null when open-ended.',
      resolve: (m) => m.validTo,
    }),
    inForce: t.boolean({
      description: 'In force now: within its days and not revoked.',
      resolve: (m, _args, ctx) => isInForce(m, ctx.clock.now()),
    }),
    grantedBy: t.exposeString('grantedBy', {
      description:
        "Who granted it: the grantor's organisation number, or PRIVATE for a person granting for themselves.",
    }),
    grantedAt: t.field({ type: 'DateTime', description: 'When it was granted.', resolve: (m) => m.grantedAt }),
    revokedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was revoked, ending it from that moment; null while not revoked.',
      resolve: (m) => m.revokedAt,
    }),
    revokedBy: t.string({
      nullable: true,
      description: 'Who revoked it, in the form of grantedBy; null while not revoked.',
      resolve: (m) => m.revokedBy,
    }),
    updatedAt: t.field({ type: 'DateTime', description: 'When it last changed.', resolve: (m) => m.updatedAt }),
  }),
});
