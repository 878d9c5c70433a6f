import type { AgencyCapability } from './agreement.js';
import type { Principal, Role } from './principal.js';

/**
 * Who may see or do something: a role (optionally needing a scope in its token), an agency
 * holding capabilities under its agreement, or everyone. The access policy is written in these.
 */
export type Audience =
  | { readonly kind: 'everyone' }
  | { readonly kind: 'role'; readonly role: Exclude<Role, 'public' | 'agency'>; readonly scope?: string }
  | { readonly kind: 'agency'; readonly capabilities: readonly AgencyCapability[] };

export const EVERYONE: Audience = { kind: 'everyone' };
export const BUSINESS: Audience = { kind: 'role', role: 'business' };
export const PRIVATE: Audience = { kind: 'role', role: 'private' };
export const OFFICER: Audience = { kind: 'role', role: 'officer' };
export const AUDITOR: Audience = { kind: 'role', role: 'auditor' };

/** A role whose token also carries a scope, for what a token must be issued for (writes, audits). */
export function roleWith(role: Exclude<Principal['role'], 'public' | 'agency'>, scope: string): Audience {
  return { kind: 'role', role, scope };
}

export function officerWith(scope: string): Audience {
  return roleWith('officer', scope);
}

export function agency(...capabilities: AgencyCapability[]): Audience {
  return { kind: 'agency', capabilities };
}

/** A stable name for an audience: the policy's table headings and the guards' cache keys. */
export function audienceName(audience: Audience): string {
  switch (audience.kind) {
    case 'everyone':
      return 'everyone';
    case 'role':
      return audience.scope ? `${audience.role}[${audience.scope}]` : audience.role;
    case 'agency':
      return `agency(${audience.capabilities.join('+')})`;
  }
}

/** The caller as the access rules see it: the principal and, for an agency, its capabilities now. */
export interface Caller {
  readonly principal: Principal;
  readonly capabilities: ReadonlySet<AgencyCapability>;
}

export function isInAudience(caller: Caller, audience: Audience): boolean {
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'role':
      return (
        caller.principal.role === audience.role &&
        (audience.scope === undefined || caller.principal.scopes.has(audience.scope))
      );
    case 'agency':
      return caller.principal.role === 'agency' && audience.capabilities.every((c) => caller.capabilities.has(c));
  }
}

export function isInAnyAudience(caller: Caller, audiences: readonly Audience[]): boolean {
  for (const audience of audiences) if (isInAudience(caller, audience)) return true;
  return false;
}
