import {
  AUDITOR,
  type Audience,
  agency,
  BUSINESS,
  EVERYONE,
  OFFICER,
  officerWith,
  PRIVATE,
  roleWith,
} from './audiences.js';

/**
 * The access policy: for every object type of the schema, who may read each field (and, on
 * Mutation, who may call each mutation). Deny by default: a field the policy does not name is
 * refused. This one table generates the field guards that enforce it and the access
 * matrix the documentation publishes; a test walks the schema and fails on any field without a
 * rule here, and another queries every field as every role to check enforcement matches.
 *
 * Field rules say which kinds of caller may read a field at all. Which rows they see is the
 * row scope's business (modules/declarations/scope.ts): a business reads declarations, but only
 * its own. A type's `default` applies to every field the type does not list.
 */
export interface TypePolicy {
  readonly default?: readonly Audience[];
  readonly fields?: Readonly<Record<string, readonly Audience[]>>;
}

/** Callers who read declarations (each within their row scope). */
const DECLARATION_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations')];
/** Callers who read personal data in declarations they can see. */
const PERSONAL_DATA_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations', 'personalData')];
/** The authority's own staff. */
const INTERNAL = [OFFICER, AUDITOR];
/** Businesses submit and change their declarations, with a token issued for writing them. */
const DECLARANTS = [roleWith('business', 'declarations:write')];
/** Every agency with an agreement, whatever it grants. */
const ANY_AGENCY = agency();
/** The declaration item feed. */
const FEED_READERS = [OFFICER, AUDITOR, agency('declarations')];
/** Assessed duties and taxes of declarations: partner agencies need the read:assessments grant. */
const ASSESSMENT_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR, agency('declarations', 'assessments')];
/** Mandates: the grantor and the representative (within the row scope), and the authority's staff. */
const MANDATE_READERS = [BUSINESS, PRIVATE, OFFICER, AUDITOR];
/** Mandates are granted and revoked by the represented business or person, with a token issued for writing. */
const GRANTORS = [roleWith('business', 'declarations:write'), roleWith('private', 'declarations:write')];
/** Aggregated statistics. */
const STATISTICS_READERS = [OFFICER, AUDITOR, agency('statistics')];

export const ACCESS_POLICY: Readonly<Record<string, TypePolicy>> = {
  Query: {
    fields: {
      // Public reference data and the caller's own identity.
      commodities: [EVERYONE],
      commodity: [EVERYONE],
      countries: [EVERYONE],
      currencies: [EVERYONE],
      customsOffices: [EVERYONE],
      exchangeRate: [EVERYONE],
      exchangeRates: [EVERYONE],
      procedureCodes: [EVERYONE],
      viewer: [EVERYONE],
      calculateDuties: [EVERYONE],
      // Object lookups answer null for anything outside the caller's row scope.
      node: [EVERYONE],
      nodes: [EVERYONE],
      declaration: DECLARATION_READERS,
      declarations: DECLARATION_READERS,
      declarationItemFeed: FEED_READERS,
      tradeStatistics: STATISTICS_READERS,
      agencies: INTERNAL,
      agency: INTERNAL,
      dataAccessLog: [roleWith('auditor', 'audit:read')],
      mandates: MANDATE_READERS,
    },
  },
  Mutation: {
    fields: {
      submitDeclaration: DECLARANTS,
      amendDeclaration: DECLARANTS,
      cancelDeclaration: DECLARANTS,
      requestControl: [agency('declarations', 'requestControl')],
      placeHold: [agency('declarations', 'placeHold')],
      releaseHold: [officerWith('control:write')],
      recordAgencyAgreement: [officerWith('agreements:write')],
      grantMandate: GRANTORS,
      revokeMandate: GRANTORS,
    },
  },

  // Reference data: public.
  Commodity: { default: [EVERYONE] },
  CommodityConnection: { default: [EVERYONE] },
  CommodityEdge: { default: [EVERYONE] },
  Country: { default: [EVERYONE] },
  Currency: { default: [EVERYONE] },
  CustomsOffice: { default: [EVERYONE] },
  ExchangeRate: { default: [EVERYONE] },
  ProcedureCode: { default: [EVERYONE] },
  PageInfo: { default: [EVERYONE] },
  Money: { default: [EVERYONE] },
  Viewer: {
    default: [EVERYONE],
    fields: {
      agreement: [ANY_AGENCY],
      dataAccessLog: [PRIVATE],
    },
  },
  Organisation: { default: [EVERYONE] },

  // Declarations: whoever may read them, within their row scope.
  Declaration: { default: DECLARATION_READERS, fields: { assessment: ASSESSMENT_READERS } },
  DeclarationConnection: { default: DECLARATION_READERS },
  DeclarationEdge: { default: DECLARATION_READERS },
  DeclarationVersion: { default: DECLARATION_READERS, fields: { assessment: ASSESSMENT_READERS } },
  GoodsItem: { default: DECLARATION_READERS },
  GoodsItemDocument: { default: DECLARATION_READERS },
  OrganisationParty: { default: DECLARATION_READERS },
  PersonParty: { default: PERSONAL_DATA_READERS },
  Hold: {
    default: DECLARATION_READERS,
    fields: { releasedBy: INTERNAL },
  },
  DeclarationStatusChange: {
    default: DECLARATION_READERS,
    fields: {
      // Employee ids and the like are the authority's internal business.
      actorId: INTERNAL,
    },
  },

  // Assessments: stored ones with the declaration, for those who may read duties; the detail
  // types carry no personal data and also serve the public duty calculator.
  Assessment: { default: ASSESSMENT_READERS },
  AssessmentDifference: { default: ASSESSMENT_READERS },
  DutyCalculation: { default: [EVERYONE] },
  TravellerDutyCalculation: { default: [EVERYONE] },
  TravellerAssessment: { default: [EVERYONE] },
  TravellerItemAssessment: { default: [EVERYONE] },
  ItemAssessment: { default: [EVERYONE] },
  AssessmentLine: { default: [EVERYONE] },
  AssessmentBasis: { default: [EVERYONE] },
  AppliedRate: { default: [EVERYONE] },
  AppliedExchangeRate: { default: [EVERYONE] },
  AssessedQuantity: { default: [EVERYONE] },
  AssessmentTotals: { default: [EVERYONE] },
  AssessmentKindTotal: { default: [EVERYONE] },
  AssessmentProblem: { default: [EVERYONE] },

  // The item feed: agencies within their agreement, and the authority.
  DeclarationItemFeedPage: { default: FEED_READERS },
  DeclarationItemEvent: { default: FEED_READERS },

  // Aggregates without personal data.
  TradeStatisticsCell: { default: STATISTICS_READERS },

  // Agencies and their agreements: the authority reads them; an agency reads its own (Viewer.agreement).
  Agency: { default: INTERNAL },
  AgencyAgreement: { default: [OFFICER, AUDITOR, ANY_AGENCY] },

  // Representation mandates: within the row scope (modules/mandates/scope.ts); never agencies or the public.
  Mandate: { default: MANDATE_READERS },
  MandateConnection: { default: MANDATE_READERS },
  MandateEdge: { default: MANDATE_READERS },

  // The access log: a person sees reads of their own data, auditors see all of it.
  DataAccessEntry: {
    default: [PRIVATE, AUDITOR],
    fields: { requestId: [AUDITOR], correlationId: [AUDITOR], subject: [AUDITOR], nationalIdentityNumber: [AUDITOR] },
  },
  DataAccessConnection: { default: [roleWith('auditor', 'audit:read')] },
  DataAccessConnectionEdge: { default: [roleWith('auditor', 'audit:read')] },
  ViewerDataAccessConnection: { default: [PRIVATE] },
  ViewerDataAccessConnectionEdge: { default: [PRIVATE] },

  // Results of mutations, seen only by those who may call them.
  RequestControlSuccess: { default: [agency('declarations', 'requestControl')] },
  PlaceHoldSuccess: { default: [agency('declarations', 'placeHold')] },
  ReleaseHoldSuccess: { default: [officerWith('control:write')] },
  RecordAgencyAgreementSuccess: { default: [officerWith('agreements:write')] },
  GrantMandateSuccess: { default: GRANTORS },
  RevokeMandateSuccess: { default: GRANTORS },
  SubmitDeclarationSuccess: { default: DECLARANTS },
  AmendDeclarationSuccess: { default: DECLARANTS },
  CancelDeclarationSuccess: { default: DECLARANTS },
  IdempotencyConflict: { default: DECLARANTS },
  ValidationFailed: { default: [EVERYONE] },
  InputProblem: { default: [EVERYONE] },
  NotFound: { default: [EVERYONE] },
  NotPermitted: { default: [EVERYONE] },
  InvalidStatus: { default: [EVERYONE] },
  VersionConflict: { default: [EVERYONE] },
};
