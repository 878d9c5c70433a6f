import { AUDITOR, agency, BUSINESS, OFFICER, officerWith, PRIVATE, roleWith } from '../../auth/audiences.js';
import { type AccessPolicy, INTERNAL } from '../../auth/policy.js';

/** Callers who read declarations (each within their row scope, modules/declarations/scope.ts). */
const DECLARATION_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations')];
/** Callers who read personal data in declarations they can see. */
const PERSONAL_DATA_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations', 'personalData')];
/** Businesses submit and change their declarations, with a token issued for writing them. */
const DECLARANTS = [roleWith('business', 'declarations:write')];

export const DECLARATIONS_POLICY: AccessPolicy = {
  Query: { fields: { declaration: DECLARATION_READERS, declarations: DECLARATION_READERS } },
  Mutation: {
    fields: {
      submitDeclaration: DECLARANTS,
      amendDeclaration: DECLARANTS,
      cancelDeclaration: DECLARANTS,
      requestControl: [agency('declarations', 'requestControl')],
      placeHold: [agency('declarations', 'placeHold')],
      releaseHold: [officerWith('control:write')],
    },
  },
  Declaration: { default: DECLARATION_READERS },
  DeclarationConnection: { default: DECLARATION_READERS },
  DeclarationEdge: { default: DECLARATION_READERS },
  DeclarationVersion: { default: DECLARATION_READERS },
  GoodsItem: { default: DECLARATION_READERS },
  GoodsItemDocument: { default: DECLARATION_READERS },
  OrganisationParty: { default: DECLARATION_READERS },
  PersonParty: { default: PERSONAL_DATA_READERS },
  Hold: { default: DECLARATION_READERS, fields: { releasedBy: INTERNAL } },
  DeclarationStatusChange: {
    default: DECLARATION_READERS,
    // Employee ids and the like are the authority's internal business.
    fields: { actorId: INTERNAL },
  },
  // Results of mutations, seen only by those who may call them.
  RequestControlSuccess: { default: [agency('declarations', 'requestControl')] },
  PlaceHoldSuccess: { default: [agency('declarations', 'placeHold')] },
  ReleaseHoldSuccess: { default: [officerWith('control:write')] },
  SubmitDeclarationSuccess: { default: DECLARANTS },
  AmendDeclarationSuccess: { default: DECLARANTS },
  CancelDeclarationSuccess: { default: DECLARANTS },
  IdempotencyConflict: { default: DECLARANTS },
};
