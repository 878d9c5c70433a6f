import { describe, expect, it } from 'vitest';
import { admittedAs } from '../../src/auth/access.js';
import type { Principal } from '../../src/auth/principal.js';
import { DomainError } from '../../src/shared/errors.js';

const base = { subject: 's', scopes: new Set<string>(), sandbox: false };
const business: Principal = { ...base, role: 'business', organisationNumber: '310000000' };
const officer: Principal = { ...base, role: 'officer', employeeId: 'E1' };

describe('a service behind the field guard', () => {
  it('gets the principal of a role the policy admits', () => {
    expect(admittedAs(business, 'business').organisationNumber).toBe('310000000');
    expect(admittedAs(officer, 'business', 'officer').role).toBe('officer');
  });

  it('fails as an internal error, not a domain answer, for a role the guard should have refused', () => {
    let thrown: unknown;
    try {
      admittedAs(officer, 'business', 'private');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect(thrown).not.toBeInstanceOf(DomainError);
    expect((thrown as Error).message).toBe('the access policy admits business or private here, not officer');
  });
});
