import { builder } from '../../../graphql/builder.js';
import { MandateKindEnum } from '../../mandates/graphql/types.js';
import type { Grantor } from '../../mandates/model.js';
import { DeclarationContentRef } from './types.js';

/**
 * Declarations rely on mandates (representation.ts), so they add the mandate's kind to their
 * versions here, and mandates know nothing of declarations.
 *
 * The kind of representation of a declaration version is the kind of the mandate it relied on,
 * read from the mandates in force when the version was received, so the declaration cannot
 * state one that contradicts the mandate. The party represented is the represented party, or else
 * the importer or exporter, when it is not the declarant.
 */
builder.interfaceField(DeclarationContentRef, 'representation', (t) =>
  t.field({
    type: MandateKindEnum,
    nullable: true,
    description:
      "Direct or indirect: the kind of the represented party's mandate to the declarant in force when this version " +
      'was received. Null when the declarant declared for itself (or, for versions from before mandates were ' +
      'required, when there was none).',
    resolve: (r, _args, ctx) => {
      const declarant = r.declaration.declarantOrgnr;
      const c = r.content;
      let grantor: Grantor | null = null;
      if (c.representedOrgnr !== null && c.representedOrgnr !== declarant) {
        grantor = { organisationNumber: c.representedOrgnr };
      } else if (c.partyOrgnr !== null && c.partyOrgnr !== declarant) {
        grantor = { organisationNumber: c.partyOrgnr };
      } else if (c.partyNationalId !== null) {
        grantor = { nationalIdentityNumber: c.partyNationalId };
      }
      if (grantor === null) return null;
      return ctx.loaders.mandates.representationAt.load({ representative: declarant, grantor, at: c.createdAt });
    },
  }),
);
