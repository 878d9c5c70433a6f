import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../../src/composition/schema.js';
import { type AgencyFixture, seedAgencyFixture } from '../../helpers/agency-fixture.js';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { ORG_A, PERSON } from '../../helpers/factories.js';

/**
 * Fuzzed queries: random operations over the whole schema (any root field, random arguments that
 * are often wrong, random selections through unions and interfaces, aliases, inline fragments and
 * named fragments spread where they apply), sent over HTTP as every kind
 * of caller. Whatever comes in, the answer is a client error or data: never a 5xx, never an
 * INTERNAL_SERVER_ERROR, never a stack trace or a piece of SQL. A failure prints the operation and the
 * seed that reproduces it (fast-check).
 */
const schema: GraphQLSchema = buildSchema();
let app: TestApp;
let fixture: AgencyFixture;
const callers: (string | undefined)[] = [undefined];

/**
 * Values a client might send by scalar: well-formed ones (which reach the resolvers) and malformed
 * ones (which the scalar refuses), the ids of the fixtures joining them in beforeAll.
 */
const SCALAR_VALUES: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
  String: {
    valid: ['', 'x', 'Cheese', "'; drop table declarations; --", 'æøå 🚢', 'a'.repeat(5000), '%', '\\u0000'],
    invalid: [],
  },
  ID: {
    valid: ['', 'not-an-id', 'RGVjbGFyYXRpb246MQ==', '310000000-01012026-1', '999999999-01012026-99999'],
    invalid: [],
  },
  Int: { valid: [0, 1, -1, 3, 50, 1000, 1001, 2147483647, -2147483648], invalid: [] },
  Float: { valid: [0, 1.5, -1, 1e300], invalid: [] },
  Boolean: { valid: [true, false], invalid: [] },
  Date: { valid: ['2026-03-14', '2025-01-01', '1900-01-01', '9999-12-31'], invalid: ['2026-02-30', 'yesterday', ''] },
  DateTime: { valid: ['2026-03-14T10:00:00Z', '2026-03-14T10:00:00+01:00'], invalid: ['2026-03-14', 'now'] },
  Decimal: {
    valid: ['0', '1', '12.50', '-5', '0.0000001', '99999999999999999999.99', '123456789012345678'],
    invalid: ['1e5', 'NaN', ''],
  },
  CommodityCode: { valid: ['04069099', '61102000', '22042100', '0406.9099', '99999999'], invalid: ['0406', 'abc', ''] },
  CountryCode: { valid: ['NO', 'FR', 'CN', 'XX'], invalid: ['fr', ''] },
  CurrencyCode: { valid: ['NOK', 'EUR', 'PLN', 'XXX'], invalid: ['eur'] },
  OrganisationNumber: { valid: [ORG_A, '310000019', '310000001'], invalid: ['123', ''] },
};

type Random = () => number;

function pick<T>(rnd: Random, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)] as T;
}

/** A GraphQL literal for a value of `type`: usually of the right shape, now and then not. */
function literal(type: GraphQLInputType, rnd: Random, depth: number): string {
  if (rnd() < 0.005) return pick(rnd, ['null', '"wrong"', '42', '[]', '{}']);
  if (isNonNullType(type)) return literal(type.ofType, rnd, depth);
  if (isListType(type)) {
    const length = depth > 3 ? 0 : Math.floor(rnd() * 3);
    return `[${Array.from({ length }, () => literal(type.ofType, rnd, depth + 1)).join(', ')}]`;
  }
  if (isEnumType(type)) {
    return rnd() < 0.99 ? pick(rnd, type.getValues()).name : 'NOT_A_VALUE';
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter(
      (field) => isNonNullType(field.type) || (depth < 4 && rnd() < 0.6),
    );
    return `{${fields.map((field) => `${field.name}: ${literal(field.type, rnd, depth + 1)}`).join(', ')}}`;
  }
  if (isScalarType(type)) {
    const values = SCALAR_VALUES[type.name];
    if (!values) return '"x"';
    const malformed = values.invalid.length > 0 && rnd() < 0.015;
    return JSON.stringify(pick(rnd, malformed ? values.invalid : values.valid));
  }
  return 'null';
}

function argumentsOf(field: GraphQLField<unknown, unknown>, rnd: Random): string {
  const given = field.args.filter((arg) => isNonNullType(arg.type) || rnd() < 0.5);
  if (given.length === 0) return '';
  return `(${given.map((arg) => `${arg.name}: ${literal(arg.type, rnd, 0)}`).join(', ')})`;
}

/** What one operation is being built with: its named fragments and a counter for unique names. */
interface Build {
  rnd: Random;
  fragments: string[];
  names: number;
}

/**
 * One selection of `text` (fields of `type`): as is, now and then behind an inline fragment (with
 * or without a type condition) or moved into a named fragment that the selection spreads.
 */
function wrapped(type: GraphQLNamedType, text: string, build: Build): string {
  const roll = build.rnd();
  if (roll < 0.1) return `... on ${type.name} { ${text} }`;
  if (roll < 0.15) return `... { ${text} }`;
  if (roll < 0.25) {
    const name = `F${build.names++}`;
    build.fragments.push(`fragment ${name} on ${type.name} { ${text} }`);
    return `...${name}`;
  }
  return text;
}

/** A selection set on `type`: a few of its fields, some aliased, into unions and interfaces by fragments. */
function selection(type: GraphQLNamedType, build: Build, depth: number): string {
  const { rnd } = build;
  if (isLeafType(type)) return '';
  if (isUnionType(type) || isInterfaceType(type)) {
    const possible = schema.getPossibleTypes(type);
    const fragments = Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => {
      const member = pick(rnd, possible);
      const inner = selection(member, build, depth);
      if (rnd() < 0.2) {
        const name = `F${build.names++}`;
        build.fragments.push(`fragment ${name} on ${member.name} ${inner}`);
        return `...${name}`;
      }
      return `... on ${member.name} ${inner}`;
    });
    return `{ __typename ${fragments.join(' ')} }`;
  }
  if (!isObjectType(type)) return '';
  const fields = Object.values(type.getFields());
  const chosen = new Set<GraphQLField<unknown, unknown>>();
  const count = depth >= 5 ? 1 : 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < count; i++) {
    // Deep down, prefer leaves so that the query ends.
    const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)));
    chosen.add(depth >= 5 && leaves.length > 0 ? pick(rnd, leaves) : pick(rnd, fields));
  }
  const parts = [...chosen].flatMap((field) => {
    const named = getNamedType(field.type);
    const one = () => `${field.name}${argumentsOf(field, rnd)} ${selection(named, build, depth + 1)}`;
    // Aliases: the same field asked again under another name, often with other arguments.
    const copies = rnd() < 0.15 ? [`${one()}`, `a${build.names++}: ${one()}`] : [one()];
    return copies.map((text) => wrapped(type, text, build));
  });
  return `{ ${parts.join(' ')} }`;
}

function randomOperation(rnd: Random): string {
  const mutation = rnd() < 0.25;
  const root = mutation ? schema.getMutationType() : schema.getQueryType();
  if (!root) throw new Error('the schema has no root type');
  const build: Build = { rnd, fragments: [], names: 0 };
  const body = selection(root, build, 0);
  return [`${mutation ? 'mutation' : 'query'} ${body}`, ...build.fragments].join('\n');
}

// FUZZ_RUNS=5000 npm test -- fuzz: a deeper search than CI's.
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

const LEAKS = /\b(select|insert|update|delete)\b.+\b(from|into|set|where)\b|postgres|drizzle|at .+\.(ts|js):\d+|stack/i;

beforeAll(async () => {
  app = await startTestApp();
  fixture = await seedAgencyFixture(app);
  callers.push(
    await app.token({ role: 'business', organisationNumber: ORG_A }),
    await app.token({ role: 'private', nationalIdentityNumber: PERSON }),
    await app.token({ role: 'officer', employeeId: 'F1' }),
    await app.token({ role: 'auditor', employeeId: 'F2' }),
    await app.token({ role: 'agency', agencyCode: 'MATTILSYNET' }),
    await app.token({ role: 'agency', agencyCode: 'POLITIET' }),
    await app.token({ role: 'agency', agencyCode: 'SSB' }),
  );
  const { body } = await app.graphql(
    `{ declarations(first: 10) { edges { node { id goodsItems { commodityCode } } } } }`,
    {},
    callers[3],
  );
  for (const edge of body.data.declarations.edges) SCALAR_VALUES.ID?.valid.push(edge.node.id);
  SCALAR_VALUES.ID?.valid.push(...Object.values(fixture));
});
afterAll(() => app.close());

describe('fuzzed operations', () => {
  it(
    'answer every caller with data or a client error: no 5xx, no internal error, nothing leaked',
    async () => {
      let answered = 0;
      await fc.assert(
        fc.asyncProperty(fc.gen(), fc.nat(callers.length - 1), async (g, caller) => {
          // Random choices drawn from fast-check, so that its seed reproduces a failure.
          const unit = fc.noBias(fc.integer({ min: 0, max: 0x7fffffff })).map((n) => n / 0x80000000);
          const operation = randomOperation(() => g(() => unit));
          const { status, body } = await app.graphql(operation, {}, callers[caller]);
          const context = `${status} ${operation}\n${JSON.stringify(body).slice(0, 2000)}`;
          expect(status, context).toBeLessThan(500);
          for (const error of body.errors ?? []) {
            expect(error.extensions?.code, context).not.toBe('INTERNAL_SERVER_ERROR');
            expect(error.extensions?.stacktrace, context).toBeUndefined();
            expect(error.message, context).not.toMatch(LEAKS);
          }
          if (body.data) answered++;
        }),
        // Report the first failure as found: every shrinking step would be another HTTP request.
        { numRuns: RUNS, endOnFailure: true },
      );
      // The generator must reach execution, not only validation errors.
      expect(answered).toBeGreaterThan(RUNS / 4);
    },
    30_000 + RUNS * 50,
  );
});
