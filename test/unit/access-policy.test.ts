import {
  type GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  getNullableType,
  graphql,
  isIntrospectionType,
  isNonNullType,
  isObjectType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { AUDITOR, type Audience, audienceName, EVERYONE, OFFICER } from '../../src/auth/audiences.js';
import { audiencesFor, fieldGuards, protectSchema } from '../../src/auth/enforce.js';
import { mergePolicies } from '../../src/auth/policy.js';
import { ACCESS_POLICY } from '../../src/composition/policy.js';
import { buildSchema } from '../../src/composition/schema.js';

const schema = buildSchema();
const objectTypes = Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !isIntrospectionType(t));

function fieldsOf(typeName: string): Record<string, GraphQLField<unknown, unknown>> {
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields() : {};
}

const names = (audiences: readonly Audience[] | undefined) => (audiences ?? []).map(audienceName).sort().join('|');

describe('the access policy', () => {
  it('has a rule for every field of every object type (deny by default catches the rest)', () => {
    const missing = objectTypes.flatMap((type) =>
      Object.keys(fieldsOf(type.name))
        .filter((field) => !audiencesFor(ACCESS_POLICY, type.name, field))
        .map((field) => `${type.name}.${field}`),
    );
    expect(missing).toEqual([]);
  });

  it('names only types and fields that exist', () => {
    const stale: string[] = [];
    for (const [typeName, policy] of Object.entries(ACCESS_POLICY)) {
      if (!isObjectType(schema.getType(typeName))) stale.push(typeName);
      for (const field of Object.keys(policy.fields ?? {}))
        if (!fieldsOf(typeName)[field]) stale.push(`${typeName}.${field}`);
    }
    expect(stale).toEqual([]);
  });

  it('guards every field of every object type, and nothing else', () => {
    const tree = fieldGuards(schema, ACCESS_POLICY);
    const guarded = Object.entries(tree).flatMap(([type, fields]) => Object.keys(fields).map((f) => `${type}.${f}`));
    const all = objectTypes.flatMap((type) => Object.keys(fieldsOf(type.name)).map((f) => `${type.name}.${f}`));
    expect(guarded.sort()).toEqual(all.sort());
  });

  it('leaves the resolvers of fields open to everyone unwrapped, and wraps every other field', () => {
    const served = protectSchema(schema, ACCESS_POLICY);
    const wrapped: string[] = [];
    const open: string[] = [];
    for (const type of objectTypes) {
      const servedType = served.getType(type.name);
      if (!isObjectType(servedType)) continue;
      for (const [name, field] of Object.entries(fieldsOf(type.name))) {
        const same = servedType.getFields()[name]?.resolve === field.resolve;
        const everyone = audiencesFor(ACCESS_POLICY, type.name, name)?.some((a) => a.kind === 'everyone') ?? false;
        (everyone ? open : wrapped).push(`${type.name}.${name}:${same}`);
      }
    }
    expect(open.filter((entry) => entry.endsWith(':false'))).toEqual([]);
    expect(wrapped.filter((entry) => entry.endsWith(':true'))).toEqual([]);
    expect(open.length).toBeGreaterThan(0);
    expect(wrapped.length).toBeGreaterThan(0);
  });

  it('refuses a field the policy is silent on, without running its resolver', async () => {
    let ran = false;
    const unlisted = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'UnlistedQuery',
        fields: {
          secret: {
            type: GraphQLString,
            resolve: () => {
              ran = true;
              return 'secret';
            },
          },
        },
      }),
    });
    const result = await graphql({
      schema: protectSchema(unlisted, ACCESS_POLICY),
      source: '{ secret }',
      contextValue: {},
    });
    expect(result.data).toEqual({ secret: null });
    expect(result.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
    expect(ran).toBe(false);
  });

  it('makes every field nullable that some reader of its type may not see, so a refusal nulls only the field', () => {
    const problems: string[] = [];
    // Mutation results are non-null by design: a refused mutation stops the operation there, and
    // its error lists the fields that did not run (src/graphql/mutation-outcome.ts).
    for (const type of objectTypes.filter((t) => t.name !== 'Mutation')) {
      const typeDefault = names(ACCESS_POLICY[type.name]?.default);
      for (const [fieldName, field] of Object.entries(fieldsOf(type.name))) {
        const own = names(audiencesFor(ACCESS_POLICY, type.name, fieldName));
        const narrowed = type.name === 'Query' ? own !== 'everyone' : own !== typeDefault;
        if (narrowed && isNonNullType(field.type))
          problems.push(`${type.name}.${fieldName}: ${String(getNullableType(field.type))}!`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('merging the modules’ policy fragments', () => {
  it('joins the fields two fragments give one type, and keeps each default', () => {
    const merged = mergePolicies([
      { Query: { fields: { a: [EVERYONE] } }, Thing: { default: [OFFICER] } },
      { Query: { fields: { b: [AUDITOR] } }, Thing: { fields: { secret: [AUDITOR] } } },
    ]);
    expect(merged).toEqual({
      Query: { fields: { a: [EVERYONE], b: [AUDITOR] } },
      Thing: { default: [OFFICER], fields: { secret: [AUDITOR] } },
    });
  });

  it('refuses a field rule or a default written twice, rather than letting one fragment win', () => {
    expect(() =>
      mergePolicies([{ Query: { fields: { a: [EVERYONE] } } }, { Query: { fields: { a: [OFFICER] } } }]),
    ).toThrow('access policy: Query.a has two rules');
    expect(() => mergePolicies([{ Thing: { default: [EVERYONE] } }, { Thing: { default: [OFFICER] } }])).toThrow(
      'access policy: Thing has two defaults',
    );
  });
});
