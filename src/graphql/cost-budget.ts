import type { ApolloServerPlugin } from '@apollo/server';
import { type FieldNode, GraphQLError, type GraphQLResolveInfo, getNamedType } from 'graphql';
import type { Database } from '../db/client.js';
import { estimatedListLength, objectCost, queryCost } from './cost.js';
import { MUTATION_NOT_RUN } from './mutation-outcome.js';
import { withWriteOutcome, writeOutcomeOf } from './write-outcome.js';

/**
 * What a query may cost, charged as it runs. Before execution the query is priced with every
 * stored list at its usual length; a stored list whose rows say how long it is (a version's
 * goods items) is charged the rest when it resolves, before its rows are read. Once the limit is
 * passed every further charge fails, the items are never read, and the response is the refusal
 * alone, so that asking for 20 aliases of 100 declarations of 999 items costs no more than
 * reading the 100 declarations. A mutation that has committed something is not answered as a
 * request that failed: its refusal says `writeOutcome: COMMITTED`, with HTTP 200.
 * The refusal also ends the operation, so that a client never finds a write it did not know the
 * operation would still make. A refused list under non-null fields up to the mutation's result
 * nulls `data` and stops the serial execution there; one under a nullable field leaves its field
 * answered, and the next root field is refused before its resolver runs (see `notRun`). Either
 * way the error where it stopped lists the fields that did not run (src/graphql/mutation-outcome.ts).
 */
export class QueryBudget {
  private limit = Number.POSITIVE_INFINITY;
  private spent = 0;
  /** Cost of one item, by the field node that selects it, computed once per request. */
  private readonly itemCosts = new WeakMap<FieldNode, number>();

  get cost(): number {
    return this.spent;
  }

  get exceeded(): boolean {
    return this.spent > this.limit;
  }

  get maximum(): number {
    return this.limit;
  }

  /** The query's price before execution and the limit it must stay within. */
  open(estimate: number, limit: number): void {
    this.spent = estimate;
    this.limit = limit;
  }

  /**
   * Charges the list `info` resolves, of `length` items, what the estimate did not count (a
   * shorter list is not credited back: the charge must not depend on the order lists resolve in).
   * Throws, and keeps throwing, once the budget is spent.
   */
  chargeList(length: number, info: GraphQLResolveInfo): void {
    if (this.exceeded) throw this.refusal();
    const extra = Math.max(0, length - estimatedListLength(info.parentType.name, info.fieldName));
    if (extra === 0) return;
    this.spent += extra * this.itemCost(info);
    if (this.exceeded) throw this.refusal();
  }

  /**
   * Throws once the budget is spent: for a list whose rows arrived after another list spent it,
   * so that its items are not resolved for a response that will be the refusal anyway.
   */
  check(): void {
    if (this.exceeded) throw this.refusal();
  }

  private itemCost(info: GraphQLResolveInfo): number {
    let total = 0;
    for (const node of info.fieldNodes) {
      let cost = this.itemCosts.get(node);
      if (cost === undefined) {
        const type = getNamedType(info.returnType);
        cost = objectCost(info.schema, type, node.selectionSet, info.fragments, info.variableValues);
        this.itemCosts.set(node, cost);
      }
      total += cost;
    }
    return total;
  }

  /**
   * The error of a mutation field that was not run because an earlier field of the operation
   * went over the budget. Its change was never attempted: sent again on its own, it is new.
   */
  notRun(): GraphQLError {
    return new GraphQLError(
      'Not run: an earlier field of this mutation went over the cost limit, so this field and those after it were not run and changed nothing. Send them again in a request of their own.',
      { extensions: { code: MUTATION_NOT_RUN, reason: 'QUERY_TOO_COSTLY', cost: this.spent, limit: this.limit } },
    );
  }

  refusal(): GraphQLError {
    return new GraphQLError(
      `The query would cost more than ${this.limit}: the lists it asks for hold more items than its estimate (${this.spent} so far). Ask for fewer items per page.`,
      { extensions: { code: 'QUERY_TOO_COSTLY', cost: this.spent, limit: this.limit, http: { status: 400 } } },
    );
  }
}

/**
 * Refuses queries above the cost limit before they run, charges stored lists as they resolve,
 * and tells every client what its query cost, so that an integration can see how close it is.
 */
export function costPlugin(
  maxCost: number,
): ApolloServerPlugin<{ readonly costBudget: QueryBudget; readonly db?: Database }> {
  return {
    async requestDidStart() {
      let cost: number | undefined;
      return {
        async didResolveOperation({ document, operation, request, schema, contextValue }) {
          if (!operation) return;
          cost = queryCost(schema, document, operation, request.variables ?? {});
          if (cost > maxCost) {
            throw new GraphQLError(
              `The query would cost ${cost}; the limit is ${maxCost}. Ask for fewer items per page.`,
              {
                extensions: { code: 'QUERY_TOO_COSTLY', cost, limit: maxCost, http: { status: 400 } },
              },
            );
          }
          contextValue.costBudget.open(cost, maxCost);
        },
        // Root fields of a mutation run serially (GraphQL spec, "Normal and Serial Execution"),
        // each after the one before it has completed with its selection, so the budget says here
        // whether an earlier field was refused. Queries get no hook: it costs a call per field.
        async executionDidStart({ operation, contextValue }) {
          if (operation.operation !== 'mutation') return;
          const budget = contextValue.costBudget;
          return {
            willResolveField({ info }) {
              // Thrown before the resolver runs: the field answers null with this error.
              if (info.path.prev === undefined && budget.exceeded) throw budget.notRun();
            },
          };
        },
        // Synchronous, and before the plugins that add the request id: they see the refusal.
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single' || cost === undefined) return;
          const budget = contextValue.costBudget;
          const outcome = budget.exceeded ? writeOutcomeOf(contextValue) : undefined;
          if (outcome) {
            // Something was saved: the answer must say so and show what it can. The refused
            // lists threw where they resolved, so their items are not in it.
            const result = response.body.singleResult;
            result.errors = result.errors?.map((error) =>
              error.extensions?.code === 'QUERY_TOO_COSTLY' ? withWriteOutcome(error, outcome) : error,
            );
            result.extensions = { ...result.extensions, cost: { requested: budget.cost, limit: maxCost } };
            response.http.status = 200;
            return;
          }
          if (budget.exceeded) {
            const { message, extensions } = budget.refusal();
            const { http: _http, ...shown } = extensions;
            response.http.status = 400;
            response.body.singleResult = {
              errors: [{ message, extensions: shown }],
              extensions: { cost: { requested: budget.cost, limit: maxCost } },
            };
            return;
          }
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, cost: { requested: budget.cost, limit: maxCost } };
        },
      };
    },
  };
}
