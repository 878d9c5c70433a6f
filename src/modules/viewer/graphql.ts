import type { Principal, ROLES } from '../../auth/principal.js';
import { builder } from '../../graphql/builder.js';
import { OrganisationRef } from '../parties/graphql.js';

export const RoleEnum = builder.enumType('Role', {
  description: 'The kind of principal a request is made as, decided by its token.',
  values: {
    PUBLIC: { value: 'public', description: 'No token: reference data and duty previews only.' },
    BUSINESS: { value: 'business', description: 'A business or customs broker, by organisation number.' },
    PRIVATE: { value: 'private', description: 'A private person, by national identity number.' },
    OFFICER: { value: 'officer', description: 'A customs officer.' },
    AUDITOR: { value: 'auditor', description: 'An internal auditor: reads everything, changes nothing.' },
    AGENCY: { value: 'agency', description: 'A partner agency under a data-sharing agreement.' },
  } satisfies Record<Uppercase<(typeof ROLES)[number]>, unknown>,
});

export const ViewerRef = builder.objectRef<Principal>('Viewer').implement({
  description: 'The caller, as the API sees them from their token.',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, description: "The caller's role.", resolve: (p) => p.role }),
    organisation: t.field({
      type: OrganisationRef,
      nullable: true,
      description: "The caller's organisation, for a business.",
      resolve: (p) => (p.role === 'business' ? { organisationNumber: p.organisationNumber } : null),
    }),
    employeeId: t.string({
      nullable: true,
      description: 'Employee id, for officers and auditors.',
      resolve: (p) => (p.role === 'officer' || p.role === 'auditor' ? p.employeeId : null),
    }),
    scopes: t.stringList({
      description: 'OAuth2 scopes of the token, sorted.',
      resolve: (p) => (p.role === 'public' ? [] : [...p.scopes].sort()),
    }),
    sandbox: t.boolean({
      description: 'True for sandbox tokens (demo data, playground).',
      resolve: (p) => p.role !== 'public' && p.sandbox,
    }),
  }),
});

builder.queryField('viewer', (t) =>
  t.field({
    type: ViewerRef,
    description: 'Who the caller is. Works for every caller, with or without a token.',
    resolve: (_root, _args, ctx) => ctx.principal,
  }),
);
