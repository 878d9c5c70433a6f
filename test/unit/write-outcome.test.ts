import { ApolloServer } from '@apollo/server';
import { GraphQLInt, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.js';
import { guardTransactions, type TransactionGuard } from '../../src/db/guarded-transactions.js';
import { databaseFaultStatusPlugin } from '../../src/graphql/database-errors.js';
import { formatError } from '../../src/server.js';

/**
 * A database fault in a later field of a mutation whose earlier field committed: the error must
 * not tell the client that nothing changed, and must say `writeOutcome: COMMITTED`.
 */
interface Context {
  db: Database;
}

/** What lock_timeout raises: SQLSTATE 55P03. */
function lockTimeout(): Error {
  return Object.assign(new Error('canceling statement due to lock timeout'), { code: '55P03' });
}

const fake = {
  transaction: async (work: (tx: unknown) => Promise<unknown>) => work({}),
} as unknown as Database;

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLInt, resolve: () => 1 } } }),
  mutation: new GraphQLObjectType({
    name: 'Mutation',
    fields: {
      saved: { type: GraphQLInt, resolve: (_root, _args, ctx: Context) => ctx.db.transaction(async () => 1) },
      partly: {
        type: GraphQLInt,
        resolve: async (_root, _args, ctx: Context) => {
          await ctx.db.transaction(async () => 1);
          return ctx.db.transaction(async () => {
            throw lockTimeout();
          });
        },
      },
      locked: {
        type: GraphQLInt,
        resolve: (_root, _args, ctx: Context) =>
          ctx.db.transaction(async () => {
            throw lockTimeout();
          }),
      },
    },
  }),
});

async function run(query: string) {
  const apollo = new ApolloServer<Context>({ schema, formatError, plugins: [databaseFaultStatusPlugin()] });
  await apollo.start();
  const guard: TransactionGuard = { signal: new AbortController().signal, committing: 0, committed: 0 };
  try {
    const response = await apollo.executeOperation({ query }, { contextValue: { db: guardTransactions(fake, guard) } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return { status: response.http.status, result: response.body.singleResult };
  } finally {
    await apollo.stop();
  }
}

describe('a database fault after part of a mutation committed', () => {
  it('says writeOutcome COMMITTED and not that nothing changed', async () => {
    const { status, result } = await run('mutation { saved locked }');
    expect(result.data).toEqual({ saved: 1, locked: null });
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors ?? [];
    expect(error?.path).toEqual(['locked']);
    expect(error?.extensions).toEqual({ code: 'TIMEOUT', writeOutcome: 'COMMITTED' });
    expect(error?.message).not.toMatch(/nothing was changed|try again/i);
    expect(status ?? 200).toBe(200);
  });

  it('keeps the data and a 200 when every root field came back null after a commit', async () => {
    const { status, result } = await run('mutation { partly }');
    expect(result.data).toEqual({ partly: null });
    expect(result.errors?.map((e) => e.extensions)).toEqual([{ code: 'TIMEOUT', writeOutcome: 'COMMITTED' }]);
    expect(status ?? 200).toBe(200);
  });

  it('still answers 504 without data, saying nothing changed, when nothing committed', async () => {
    const { status, result } = await run('mutation { locked }');
    expect(status).toBe(504);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toEqual({ code: 'TIMEOUT' });
    expect(result.errors?.[0]?.message).toMatch(/nothing was changed/);
  });
});
