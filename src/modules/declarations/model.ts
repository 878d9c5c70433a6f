/** Domain vocabulary of declarations, shared by tables, services and the schema. */

export const DECLARATION_TYPES = ['IMPORT', 'EXPORT'] as const;
export type DeclarationType = (typeof DECLARATION_TYPES)[number];

export const DECLARATION_STATUSES = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
  'RELEASED',
  'REJECTED',
  'CANCELLED',
  'SEIZED',
] as const;
export type DeclarationStatus = (typeof DECLARATION_STATUSES)[number];

/** A declaration can be cancelled by its declarant until the goods are released. */
export const CANCELLABLE_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
];

/** A declaration can be amended until it is final; an amendment after release is a correction. */
export const AMENDABLE_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
  'RELEASED',
];

export const DECLARATION_EVENT_KINDS = [
  'SUBMITTED',
  'ACCEPTED',
  'AMENDED',
  'CANCELLED',
  'SELECTED_FOR_CONTROL',
  'DOCUMENTS_REQUESTED',
  'RELEASED',
  'REJECTED',
  'SEIZED',
  'CONTROL_REQUESTED',
  'HOLD_PLACED',
  'HOLD_RELEASED',
] as const;
export type DeclarationEventKind = (typeof DECLARATION_EVENT_KINDS)[number];

export const ACTOR_KINDS = ['BUSINESS', 'PRIVATE', 'OFFICER', 'AGENCY', 'SYSTEM'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const TRANSPORT_MODES = [
  'SEA',
  'RAIL',
  'ROAD',
  'AIR',
  'POST',
  'FIXED_INSTALLATION',
  'INLAND_WATERWAY',
  'OWN_PROPULSION',
] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** The most goods items one declaration may hold. */
export const MAX_GOODS_ITEMS = 999;

/** Agencies may ask for control or place holds until the goods are released. */
export const OPEN_STATUSES: readonly DeclarationStatus[] = [
  'SUBMITTED',
  'ACCEPTED',
  'UNDER_CONTROL',
  'DOCUMENTS_REQUESTED',
];
