import { builder } from '../../../graphql/builder.js';
import { ID_PART, resolveKeysetConnection } from '../../../graphql/pagination.js';
import { findMandatePage, type MandateFilter, type MandateRow } from '../repository.js';
import { mandateScope } from '../scope.js';
import { MandateRef } from './types.js';

export const MandateSideEnum = builder.enumType('MandateSide', {
  description: 'Which side of a mandate the caller is on.',
  values: {
    GIVEN: { description: 'Mandates the caller granted (as the represented business or person).' },
    RECEIVED: { description: 'Mandates granted to the caller (as the representative).' },
  } as const,
});

const MandateFilterInput = builder.inputType('MandateFilter', {
  description: 'Narrows a list of mandates. All given conditions must hold.',
  fields: (t) => ({
    side: t.field({
      type: MandateSideEnum,
      description: 'Only those the caller gave, or only those the caller received; both when omitted.',
    }),
    grantorOrganisationNumber: t.field({
      type: 'OrganisationNumber',
      description: 'Only those granted by this business.',
    }),
    representativeOrganisationNumber: t.field({
      type: 'OrganisationNumber',
      description: 'Only those granted to this representative.',
    }),
    inForce: t.boolean({
      description: 'True: only those in force now; false: only those not (revoked, ended or not yet begun).',
    }),
  }),
});

/** The grantor and representative conditions of a side, for the caller; null when the caller has no such side. */
function sideFilter(
  side: 'GIVEN' | 'RECEIVED',
  principal: Parameters<typeof mandateScope>[0],
): Pick<MandateFilter, 'grantor' | 'representativeOrgnr'> | null {
  if (side === 'GIVEN') {
    if (principal.role === 'business') return { grantor: { organisationNumber: principal.organisationNumber } };
    if (principal.role === 'private') return { grantor: { nationalIdentityNumber: principal.nationalIdentityNumber } };
    return null;
  }
  return principal.role === 'business' ? { representativeOrgnr: principal.organisationNumber } : null;
}

builder.queryField('mandates', (t) =>
  t.connection(
    {
      type: MandateRef,
      nullable: true,
      description:
        'Representation mandates the caller may see, newest first, by keyset pages: a business those it gave and ' +
        'received, a private person those they gave, officers and auditors all of them. Revoked and ended mandates ' +
        'stay listed, as history.',
      args: { filter: t.arg({ type: MandateFilterInput, description: 'Conditions the mandates must meet.' }) },
      resolve: (_root, args, ctx) => {
        const filter = args.filter ?? {};
        const side = filter.side ? sideFilter(filter.side, ctx.principal) : {};
        const representative = filter.representativeOrganisationNumber?.replace(/\s/g, '') || undefined;
        const now = ctx.clock.now();
        // A side the caller does not have (an officer's GIVEN), or a representative other than the
        // caller on the RECEIVED side, matches no mandate.
        const matchesNothing =
          side === null ||
          (representative !== undefined &&
            side.representativeOrgnr !== undefined &&
            representative !== side.representativeOrgnr);
        return resolveKeysetConnection(
          args,
          [ID_PART],
          (mandate: MandateRow) => [mandate.id],
          async (page) =>
            matchesNothing
              ? []
              : findMandatePage(
                  ctx.db,
                  mandateScope(ctx.principal),
                  {
                    grantor: side?.grantor,
                    representativeOrgnr: representative ?? side?.representativeOrgnr,
                    grantorOrgnr: filter.grantorOrganisationNumber?.replace(/\s/g, '') || undefined,
                    inForce: filter.inForce == null ? undefined : { value: filter.inForce, at: now },
                  },
                  page,
                ),
        );
      },
    },
    { name: 'MandateConnection', description: 'A page of mandates with cursors to the next and previous pages.' },
    { name: 'MandateEdge', description: 'A mandate in a page, with its cursor.' },
  ),
);
