import { GraphQLError, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/composition/schema.js';
import { queryCost } from '../../src/graphql/cost.js';
import { documentLimitRules, parseLimitFailure, stackOverflowPlugin } from '../../src/graphql/document-limits.js';
import { introspectionLimit, MAX_WALK_LEVELS } from '../../src/graphql/limits.js';

const schema = buildSchema();

/** A chain of fragments longer than any walker follows; the token limit keeps it out of a real request. */
const chain = (length: number) =>
  `query { ...F0 } ${Array.from({ length }, (_, i) => `fragment F${i} on Query { ...F${i + 1} }`).join(' ')} fragment F${length} on Query { countries { code } }`;

describe('walkers over a document', () => {
  it('refuse a chain of fragments beyond what they follow with a coded error, not a stack overflow', () => {
    const document = parse(chain(MAX_WALK_LEVELS + 100), { maxTokens: 100_000 });
    const operation = getOperationAST(document);
    if (!operation) throw new Error('no operation');
    expect(() => queryCost(schema, document, operation)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ reason: 'QUERY_TOO_COMPLEX' }) }),
    );
    const errors = validate(schema, document, [introspectionLimit()]);
    expect(errors.map((e) => e.extensions.reason)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it('price a chain within the walk limit by what its last fragment selects', () => {
    const document = parse(chain(100));
    const operation = getOperationAST(document);
    if (!operation) throw new Error('no operation');
    expect(queryCost(schema, document, operation)).toBe(10);
  });

  it("count graphql-armor's depth, aliases and directives with our reasons", () => {
    const rules = documentLimitRules({ maxTokens: 5000, maxDepth: 3, maxAliases: 2, maxDirectives: 2 });
    const reasons = (query: string) =>
      validate(schema, parse(query), [...specifiedRules, ...rules]).map((e) => e.extensions.reason);
    expect(reasons('{ viewer { organisation { name } } }')).toEqual([]);
    expect(reasons('{ declarations { edges { node { number } } } }')).toEqual(['QUERY_TOO_DEEP']);
    expect(reasons('{ a: viewer { role } b: viewer { role } c: viewer { role } }')).toEqual(['TOO_MANY_ALIASES']);
    expect(reasons('{ __typename @skip(if: false) viewer @skip(if: false) { role @skip(if: false) } }')).toEqual([
      'TOO_MANY_DIRECTIVES',
    ]);
  });
});

describe('what a client sees of a limit', () => {
  it('gets a plain message instead of a stack overflow from the parser', () => {
    const overflow = new GraphQLError('Maximum call stack size exceeded', { originalError: new RangeError('x') });
    const failure = parseLimitFailure(
      { message: 'Syntax Error: Maximum call stack size exceeded', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      overflow,
    );
    expect(failure).toEqual({
      message: expect.not.stringMatching(/stack/i),
      extensions: { code: 'GRAPHQL_PARSE_FAILED', reason: 'QUERY_TOO_DEEP' },
    });
    const ordinary = parseLimitFailure(
      { message: 'Syntax Error: Expected Name, found <EOF>.', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('Syntax Error: Expected Name, found <EOF>.'),
    );
    expect(ordinary).toBeUndefined();
  });

  it('gets a coded 400 with its request id for a stack overflow anywhere else in the pipeline', async () => {
    const hook = stackOverflowPlugin().unexpectedErrorProcessingRequest;
    if (!hook) throw new Error('the plugin has no hook for unexpected errors');
    const requestContext = { contextValue: { requestId: 'req-1' } } as never;
    await expect(hook({ requestContext, error: new RangeError('Maximum call stack size exceeded') })).rejects.toEqual(
      expect.objectContaining({
        message: expect.not.stringMatching(/stack/i),
        extensions: expect.objectContaining({
          code: 'GRAPHQL_VALIDATION_FAILED',
          reason: 'QUERY_TOO_COMPLEX',
          requestId: 'req-1',
          http: { status: 400 },
        }),
      }),
    );
    // Other unexpected errors are not the document's fault: Apollo's own 500 stands.
    await expect(hook({ requestContext, error: new Error('boom') })).resolves.toBeUndefined();
  });
});
