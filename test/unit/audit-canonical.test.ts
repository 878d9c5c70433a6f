import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trailContent } from '../../src/modules/audit/chain.js';
import { redactInput } from '../../src/modules/audit/redaction.js';
import { canonicalJson } from '../../src/shared/canonical-json.js';

/** The definition `trailContent` is a faster form of. */
function byDefinition(row: Parameters<typeof trailContent>[0]): string {
  return canonicalJson({
    at: row.occurredAt,
    changes: row.changes,
    input: row.input,
    mutation: row.mutation,
    principal: { id: row.principalId, kind: row.principalKind, subject: row.subject },
    requestId: row.requestId,
  });
}

const change = fc.record({
  ids: fc.array(fc.oneof(fc.nat(), fc.string())),
  key: fc.constantFrom('id', 'declaration_id'),
  op: fc.constantFrom('INSERT', 'UPDATE', 'DELETE'),
  table: fc.string(),
});

describe('canonical JSON', () => {
  it('sorts keys, drops whitespace and writes bigints and dates as strings', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 2n], c: new Date('2026-06-15T10:00:00Z'), d: undefined })).toBe(
      '{"a":[true,null,"2"],"b":1,"c":"2026-06-15T10:00:00.000Z"}',
    );
  });

  it('gives the same text after a JSON round trip, as a verifier rebuilds it from jsonb', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });

  it('builds a trail row as its definition does, a tampered change too', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(change, fc.jsonValue())),
        fc.jsonValue(),
        fc.option(fc.string(), { nil: null }),
        fc.string(),
        (changes, input, subject, text) => {
          const row = {
            occurredAt: new Date('2026-06-15T10:00:00Z'),
            requestId: text,
            principalKind: 'business',
            principalId: text,
            subject,
            mutation: text,
            input,
            changes,
          };
          expect(trailContent(row)).toBe(byDefinition(row));
        },
      ),
    );
  });
});

describe('what the trail keeps of an input', () => {
  it('redacts secrets and national identity numbers by name and by form', () => {
    expect(
      redactInput({
        input: {
          importer: { nationalIdentityNumber: '01819012365', name: 'Kari' },
          note: '01819012365',
          token: 'abc',
          reference: 'REF-1',
          goodsItems: [{ description: 'Pullovers\u0000' }],
        },
      }),
    ).toEqual({
      input: {
        importer: { nationalIdentityNumber: 'REDACTED', name: 'Kari' },
        note: 'REDACTED',
        token: 'REDACTED',
        reference: 'REF-1',
        goodsItems: [{ description: 'Pullovers\ufffd' }],
      },
    });
  });
});
