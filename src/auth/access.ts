import type { Agreement } from './agreement.js';
import type { Principal } from './principal.js';

/** The caller and, for an agency, the agreement in force for this request. */
export interface Access {
  readonly principal: Principal;
  readonly agreement: Agreement | null;
}

/**
 * The principal of a call that the access policy admits for these roles only. The field guard
 * generated from the policy refuses every other caller before a resolver runs, so services do
 * not decide who may call (they decide which rows); another role reaching here is a bug in the
 * policy's wiring and fails as an internal error, never as an answer a client is told to handle.
 */
export function admittedAs<R extends Principal['role']>(
  principal: Principal,
  ...roles: readonly R[]
): Extract<Principal, { role: R }> {
  if (!(roles as readonly Principal['role'][]).includes(principal.role)) {
    throw new Error(`the access policy admits ${roles.join(' or ')} here, not ${principal.role}`);
  }
  return principal as Extract<Principal, { role: R }>;
}
