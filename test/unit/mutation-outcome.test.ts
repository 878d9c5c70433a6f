import { ApolloServer } from '@apollo/server';
import { GraphQLError, GraphQLInt, GraphQLNonNull, GraphQLObjectType, GraphQLSchema, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { guardTransactions, type TransactionGuard } from '../../src/db/guarded-transactions.js';
import { databaseFaultStatusPlugin } from '../../src/graphql/database-errors.js';
import { mutationOutcomePlugin, rootResponseKeys } from '../../src/graphql/mutation-outcome.js';
import { formatError } from '../../src/server.js';

/**
 * Non-null mutation results: an error in a root field nulls `data` and stops the fields after it.
 * The error that stopped the operation lists the fields that did not run and says whether
 * anything committed, whatever the error was.
 */
interface Context {
  db: Database;
  ran: string[];
}

const fake = {
  transaction: async (work: (tx: unknown) => Promise<unknown>) => work({}),
} as unknown as Database;

const field = (resolve: (ctx: Context, name: string) => Promise<number>) => ({
  type: new GraphQLNonNull(GraphQLInt),
  resolve: (_root: unknown, _args: unknown, ctx: Context, info: { fieldName: string }) => {
    ctx.ran.push(info.fieldName);
    return resolve(ctx, info.fieldName);
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      saved: field((ctx) => ctx.db.transaction(async () => 1)),
      other: field((ctx) => ctx.db.transaction(async () => 2)),
      broken: field(async () => {
        throw new Error('a bug after the commit');
      }),
      locked: field((ctx) =>
        ctx.db.transaction(async () => {
          throw Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
        }),
      ),
      refused: field(async () => {
        throw new GraphQLError('not allowed', { extensions: { code: 'FORBIDDEN' } });
      }),
    },
  }),
});

async function run(query: string, variables?: Record<string, unknown>) {
  const apollo = new ApolloServer<Context>({
    schema,
    formatError,
    plugins: [mutationOutcomePlugin(), databaseFaultStatusPlugin()],
  });
  await apollo.start();
  const guard: TransactionGuard = { signal: new AbortController().signal, committing: 0, committed: 0 };
  const contextValue: Context = { db: guardTransactions(fake, guard), ran: [] };
  try {
    const response = await apollo.executeOperation({ query, variables }, { contextValue });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult, ran: contextValue.ran };
  } finally {
    await apollo.stop();
  }
}

describe('the error that stops a mutation', () => {
  it('lists the fields after it that did not run, and says what committed, for an unexpected error', async () => {
    const { result, ran } = await run('mutation { saved first: broken other last: saved }');
    expect(ran).toEqual(['saved', 'broken']);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.path).toEqual(['first']);
    expect(result.errors?.[0]?.extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
      writeOutcome: 'COMMITTED',
      notRun: ['other', 'last'],
    });
  });

  it('says a database fault after a commit committed, with the fields not run, and keeps HTTP 200', async () => {
    const { status, result } = await run('mutation { saved locked other }');
    expect(result.data).toBeNull();
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      { code: 'TIMEOUT', writeOutcome: 'COMMITTED', notRun: ['other'] },
    ]);
    expect(result.errors?.[0]?.message).not.toMatch(/nothing was changed/);
    expect(status ?? 200).toBe(200);
  });

  it('says nothing committed when nothing did, and still lists what did not run', async () => {
    const { result, ran } = await run('mutation { refused saved }');
    expect(ran).toEqual(['refused']);
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'FORBIDDEN', notRun: ['saved'] }]);
  });

  it('gives an empty list when the failing field was the last', async () => {
    const { result } = await run('mutation { saved broken }');
    expect(result.errors?.[0]?.extensions).toMatchObject({ writeOutcome: 'COMMITTED', notRun: [] });
  });

  it('leaves a mutation that ran every field alone', async () => {
    const { result } = await run('mutation { saved other }');
    expect(result).toEqual({ data: { saved: 1, other: 2 } });
  });
});

describe('the root fields of an operation, as graphql-js executes them', () => {
  const keysOf = (source: string, variables: Record<string, unknown> = {}) => {
    const document = parse(source);
    const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
    if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error('no operation');
    const fragments = Object.fromEntries(
      document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
    );
    return rootResponseKeys(operation, fragments, variables);
  };

  it('takes aliases, expands fragments once, applies @skip and @include, and leaves out __typename', () => {
    const source = `mutation($skipB: Boolean!, $withD: Boolean!) {
      __typename
      a: saved
      b: saved @skip(if: $skipB)
      ...More
      ... on Mutation { c: other d: other @include(if: $withD) a: saved }
      ...More
    }
    fragment More on Mutation { e: broken }`;
    expect(keysOf(source, { skipB: false, withD: false })).toEqual(['a', 'b', 'e', 'c']);
    expect(keysOf(source, { skipB: true, withD: true })).toEqual(['a', 'e', 'c', 'd']);
  });
});
