import { builder } from '../../../graphql/builder.js';

export const DeclarationStatusEnum = builder.enumType('DeclarationStatus', {
  description: 'Where a declaration is in its lifecycle.',
  values: {
    SUBMITTED: { description: 'Received; being checked.' },
    ACCEPTED: {
      description:
        'Complete and valid: duties are assessed. A declaration stays here while payment or an agency hold ' +
        'keeps the goods (the status history says which, AWAITING_PAYMENT or HOLD_PLACED).',
    },
    UNDER_CONTROL: { description: 'Selected for documentary or physical control.' },
    DOCUMENTS_REQUESTED: { description: 'The authority has asked for documents; answer to continue.' },
    RELEASED: { description: 'The goods are released. Amendments are still possible as corrections.' },
    REJECTED: { description: 'Refused by the authority. Final.' },
    CANCELLED: { description: 'Withdrawn by the declarant before release. Final.' },
    SEIZED: { description: 'The goods are seized. Final.' },
  } as const,
});

export const DeclarationEventKindEnum = builder.enumType('DeclarationEventKind', {
  description: 'What happened to a declaration at one point of its status history.',
  values: {
    SUBMITTED: { description: 'The declarant submitted it.' },
    ACCEPTED: { description: 'The authority found it complete and valid, and assessed it.' },
    AMENDED: { description: 'The declarant submitted a new version.' },
    CANCELLED: { description: 'The declarant cancelled it.' },
    SELECTED_FOR_CONTROL: { description: 'Selected for control.' },
    DOCUMENTS_REQUESTED: { description: 'Documents were requested.' },
    RELEASED: {
      description:
        'The goods were released: nothing payable is unpaid or uncovered, no control holds them and no agency ' +
        'hold is active. The reason says why (by the SYSTEM actor at acceptance or when payment, a lifted hold ' +
        'or a finished control cleared the last blocker).',
    },
    REJECTED: { description: 'The authority rejected it.' },
    SEIZED: { description: 'The goods were seized.' },
    CONTROL_REQUESTED: { description: 'A partner agency asked the authority to control the goods.' },
    HOLD_PLACED: { description: 'A partner agency placed a hold: the goods are not released while it is active.' },
    HOLD_RELEASED: {
      description: 'An officer lifted a hold. When it was the last active hold, the release gate is asked again.',
    },
    AWAITING_PAYMENT: {
      description:
        'The version was accepted but its payable amounts are neither paid nor covered by customs credit within ' +
        'the limit: the goods wait, ACCEPTED, and are released (a RELEASED event) as soon as they are paid or the ' +
        'credit allows. The reason says what is missing.',
    },
  } as const,
});

export const ActorKindEnum = builder.enumType('ActorKind', {
  description: 'Who caused an event.',
  values: {
    BUSINESS: { description: 'The declarant or another business party.' },
    PRIVATE: { description: 'A private person.' },
    OFFICER: { description: 'A customs officer.' },
    AGENCY: { description: 'A partner agency.' },
    SYSTEM: { description: "The authority's systems, automatically." },
  } as const,
});

export const TransportModeEnum = builder.enumType('TransportMode', {
  description: 'Mode of transport at the border.',
  values: {
    SEA: { description: 'Sea transport (code 1).' },
    RAIL: { description: 'Rail transport (code 2).' },
    ROAD: { description: 'Road transport (code 3).' },
    AIR: { description: 'Air transport (code 4).' },
    POST: { description: 'Postal consignment (code 5).' },
    FIXED_INSTALLATION: { description: 'Fixed transport installations such as pipelines (code 7).' },
    INLAND_WATERWAY: { description: 'Inland waterway transport (code 8).' },
    OWN_PROPULSION: { description: 'Goods moving under their own power, such as a vehicle driven in (code 9).' },
  } as const,
});
