import type { Principal } from '../../auth/principal.js';
import type { Executor } from '../../db/client.js';
import { isValidNationalIdentityNumber, isValidOrganisationNumber } from '../../shared/identifiers.js';
import type { Grantor, Mandate } from '../mandates/model.js';
import { grantorKey, mandatesInForce } from '../mandates/service.js';
import { type DeclarationDraft, partyOf } from './draft.js';

/**
 * Representation: a declarant that names another party as importer, exporter or represented
 * party declares on that party's behalf, and needs its mandate (the customs representative's
 * authorisation, direct or indirect). The mandate must be in force when the declaration is
 * submitted, and again when it is amended. A courier or postal operator declaring a private
 * person's goods needs the person's mandate in the same way.
 *
 * A declaration does not state a kind of representation of its own: it is the kind of the
 * mandate, and at most one mandate links two parties at any moment (the mandates module refuses
 * overlaps), so the declaration and the mandate cannot disagree about it. The mandates module
 * shows it on each version as `representation`.
 */

/** The business a principal declares as; null for anyone else, who then has no mandates to rely on. */
export function declarantOf(principal: Principal): string | null {
  return principal.role === 'business' ? principal.organisationNumber : null;
}

export interface RepresentationFacts {
  readonly declarant: string | null;
  /** The mandates in force that the named parties gave the declarant, by grantor key. */
  readonly mandates: ReadonlyMap<string, Mandate>;
}

interface NamedParty {
  readonly field: 'importer' | 'exporter' | 'representedParty';
  readonly grantor: Grantor;
}

/**
 * The parties other than the declarant that the draft names, each with the field that names it.
 * Malformed identifiers are left to the identifier checks, which report them already.
 */
function partiesNamed(draft: DeclarationDraft, declarant: string | null): NamedParty[] {
  const named: NamedParty[] = [];
  const party = partyOf(draft);
  const field = draft.type === 'IMPORT' ? 'importer' : 'exporter';
  if (party && (party.organisationNumber === null) !== (party.nationalIdentityNumber === null)) {
    if (party.organisationNumber !== null && isValidOrganisationNumber(party.organisationNumber)) {
      if (party.organisationNumber !== declarant) {
        named.push({ field, grantor: { organisationNumber: party.organisationNumber } });
      }
    } else if (party.nationalIdentityNumber !== null && isValidNationalIdentityNumber(party.nationalIdentityNumber)) {
      named.push({ field, grantor: { nationalIdentityNumber: party.nationalIdentityNumber } });
    }
  }
  const represented = draft.representedParty;
  if (represented !== null && isValidOrganisationNumber(represented) && represented !== declarant) {
    named.push({ field: 'representedParty', grantor: { organisationNumber: represented } });
  }
  return named;
}

/** Looks up, through the mandates module, the mandates the named parties gave the declarant in force at `at`. */
export async function gatherRepresentationFacts(
  db: Executor,
  draft: DeclarationDraft,
  declarant: string | null,
  at: Date,
): Promise<RepresentationFacts> {
  const grantors = partiesNamed(draft, declarant).map((p) => p.grantor);
  const mandates = declarant === null ? new Map() : await mandatesInForce(db, declarant, grantors, at);
  return { declarant, mandates };
}

/** The fields (under the draft's path) that name a party without a mandate in force for the declarant. */
export function fieldsWithoutMandate(draft: DeclarationDraft, facts: RepresentationFacts): NamedParty['field'][] {
  return partiesNamed(draft, facts.declarant)
    .filter((party) => !facts.mandates.has(grantorKey(party.grantor)))
    .map((party) => party.field);
}
