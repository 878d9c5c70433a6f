import { describe, expect, it } from 'vitest';
import { type Agreement, capabilitiesOf } from '../../src/auth/agreement.js';

function agreement(grants: string[], personalData = false): Agreement {
  return {
    id: 1,
    agencyCode: 'X',
    grants: new Set(grants),
    chapters: ['01'],
    procedures: null,
    originCountries: null,
    personalData,
    validFrom: '2023-01-01',
    validTo: null,
  };
}

describe('capabilities of an agreement', () => {
  it('follow from its grants', () => {
    expect(
      [...capabilitiesOf(agreement(['read:declarations:chapters', 'request:control', 'place:hold']))].sort(),
    ).toEqual(['declarations', 'placeHold', 'requestControl']);
    expect([...capabilitiesOf(agreement(['read:declarations:all', 'read:assessments'], true))].sort()).toEqual([
      'assessments',
      'declarations',
      'personalData',
    ]);
  });

  it('give personal data only with reading of declarations, and nothing without an agreement', () => {
    expect([...capabilitiesOf(agreement(['read:statistics'], true))]).toEqual(['statistics']);
    expect([...capabilitiesOf(null)]).toEqual([]);
    expect([...capabilitiesOf(agreement(['read:movements', 'read:payments']))]).toEqual([]);
  });
});
