import type { BusinessPrincipal, Principal } from '../auth/principal.js';
import type { MandateKind } from '../modules/mandates/model.js';

export interface DemoMandate {
  /** The grantor, as whom the mandate is granted. */
  readonly grantor: Principal;
  readonly representative: string;
  readonly kind: MandateKind;
}

const BROKER = '310000019';
const CARRIER = '310000051';

/** A demo business acting for itself, as the seeds grant its mandates and submit its declarations. */
export function demoBusiness(organisationNumber: string): BusinessPrincipal {
  return {
    role: 'business',
    organisationNumber,
    subject: `seed:${organisationNumber}`,
    scopes: new Set(['declarations:read', 'declarations:write']),
    sandbox: true,
  };
}

/**
 * The mandates the demo declarations rely on: the broker Fjordfrakt declares for Bergen Vinimport
 * (directly) and for Nordlys (indirectly), and the parcel carrier declares Kari Nordmann's parcels.
 */
export function demoMandates(): DemoMandate[] {
  return [
    { grantor: demoBusiness('310000035'), representative: BROKER, kind: 'DIRECT' },
    { grantor: demoBusiness('310000000'), representative: BROKER, kind: 'INDIRECT' },
    {
      grantor: {
        role: 'private',
        nationalIdentityNumber: '01819012365',
        subject: 'seed:person',
        scopes: new Set(['declarations:read', 'declarations:write']),
        sandbox: true,
      },
      representative: CARRIER,
      kind: 'DIRECT',
    },
  ];
}
