/**
 * Who is calling. Every request has exactly one principal; no token means the public one.
 * Identifiers in a principal come from a verified token and are trusted as such.
 */
export const ROLES = ['public', 'business', 'private', 'officer', 'auditor', 'agency'] as const;
export type Role = (typeof ROLES)[number];

interface PrincipalBase {
  /** The token's subject, for the audit trail. */
  readonly subject: string;
  readonly scopes: ReadonlySet<string>;
  /** Issued for the sandbox (demo data, playground). */
  readonly sandbox: boolean;
}

export interface PublicPrincipal {
  readonly role: 'public';
}

export interface BusinessPrincipal extends PrincipalBase {
  readonly role: 'business';
  readonly organisationNumber: string;
}

export interface PrivatePrincipal extends PrincipalBase {
  readonly role: 'private';
  /** Personal data: never logged, never echoed in an error. */
  readonly nationalIdentityNumber: string;
}

export interface OfficerPrincipal extends PrincipalBase {
  readonly role: 'officer';
  readonly employeeId: string;
}

export interface AuditorPrincipal extends PrincipalBase {
  readonly role: 'auditor';
  readonly employeeId: string;
}

export interface AgencyPrincipal extends PrincipalBase {
  readonly role: 'agency';
  readonly agencyCode: string;
}

export type Principal =
  | PublicPrincipal
  | BusinessPrincipal
  | PrivatePrincipal
  | OfficerPrincipal
  | AuditorPrincipal
  | AgencyPrincipal;

export const PUBLIC_PRINCIPAL: PublicPrincipal = Object.freeze({ role: 'public' });

/** The scopes a business token carries when a sandbox token is issued without explicit scopes. */
export const DEFAULT_SCOPES: Record<Exclude<Role, 'public'>, readonly string[]> = {
  business: ['declarations:read', 'declarations:write'],
  private: ['declarations:read', 'declarations:write'],
  officer: ['declarations:read', 'declarations:write', 'control:write', 'agreements:write'],
  auditor: ['declarations:read', 'audit:read'],
  agency: [],
};

/** A short, log-safe description of the principal: never a national identity number. */
export function describePrincipal(principal: Principal): Record<string, string> {
  switch (principal.role) {
    case 'public':
      return { role: 'public' };
    case 'business':
      return { role: principal.role, org: principal.organisationNumber };
    case 'private':
      return { role: principal.role, sub: principal.subject };
    case 'officer':
    case 'auditor':
      return { role: principal.role, emp: principal.employeeId };
    case 'agency':
      return { role: principal.role, agency: principal.agencyCode };
  }
}
