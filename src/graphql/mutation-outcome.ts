import type { ApolloServerPlugin } from '@apollo/server';
import {
  type FragmentDefinitionNode,
  type GraphQLFormattedError,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  getDirectiveValues,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Database } from '../db/client.js';
import { withWriteOutcome, writeOutcomeOf } from './write-outcome.js';

/*
 * What a client learns when a mutation stops. Every mutation field's result is non-null, so an
 * error a root field cannot answer as data (an expected failure is a union member, never an
 * error) nulls the whole `data` and, the root fields of a mutation running one after another
 * (GraphQL spec, "Normal and Serial Execution"), the fields after it never run. The answers of the
 * fields before it are lost with `data`, but their writes stand, and sent again they answer what
 * was stored: a submission with the same client reference is replayed, and every other mutation
 * but recordAgencyAgreement changes nothing twice (schema/CHANGELOG.md, "Why mutation results are
 * non-null"). So the error of the field that stopped the operation says:
 * - `notRun`: the response keys (alias or name) of the root fields that never ran and changed
 *   nothing, in the operation's order; sent again they are new. A field refused before its resolver
 *   ran (MUTATION_NOT_RUN) is among them. The fields before the error's path ran.
 * - `writeOutcome: COMMITTED` when a transaction of the request committed, whatever the error,
 *   so that a client never reads "nothing happened" into a request that saved something.
 */

/** The code of a root field refused before its resolver ran (the cost limit, cost-budget.ts). */
export const MUTATION_NOT_RUN = 'MUTATION_NOT_RUN';

/**
 * The response keys of the root fields an operation selects, in the order graphql-js executes
 * them: first occurrence of each key, fragments expanded, @skip and @include applied. Meta fields
 * (`__typename`) are left out: they write nothing and no resolver of ours runs for them.
 */
export function rootResponseKeys(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  variables: Readonly<Record<string, unknown>>,
): string[] {
  const keys = new Set<string>();
  const included = (node: Parameters<typeof getDirectiveValues>[1]) =>
    getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
    getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false;
  const visited = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.FIELD) {
        if (!selection.name.value.startsWith('__')) keys.add(selection.alias?.value ?? selection.name.value);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (visited.has(name) || !fragment) continue;
        visited.add(name);
        collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return [...keys];
}

/**
 * The errors of a stopped mutation, those of the field that stopped it marked with what did not
 * run and what committed. `started` holds the root keys whose execution began.
 */
export function markStoppedMutation(
  errors: readonly GraphQLFormattedError[],
  planned: readonly string[],
  started: readonly string[],
  committed: boolean,
): GraphQLFormattedError[] {
  // The last field reached: begun, or refused by a hook that ran before this plugin's.
  const reached = new Set([...started, ...errors.map((error) => error.path?.[0])]);
  const stoppedAt = planned.findLast((key) => reached.has(key));
  if (stoppedAt === undefined) return [...errors];
  const stopping = errors.filter((error) => error.path?.[0] === stoppedAt);
  const refused = stopping.some((error) => error.extensions?.code === MUTATION_NOT_RUN);
  const begun = new Set(started);
  const notRun = planned.filter((key) => (key === stoppedAt ? refused : !begun.has(key)));
  return errors.map((error) => {
    if (error.path?.[0] !== stoppedAt) return error;
    const marked = committed ? withWriteOutcome(error, 'COMMITTED') : error;
    return { ...marked, extensions: { ...marked.extensions, notRun } };
  });
}

/** Marks the error that stopped a mutation (see the top of this file); queries are left alone. */
export function mutationOutcomePlugin(): ApolloServerPlugin<{ readonly db?: Database }> {
  return {
    async requestDidStart() {
      let planned: string[] | undefined;
      const started: string[] = [];
      return {
        async executionDidStart({ operation, document, request }) {
          if (operation.operation !== 'mutation') return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          planned = rootResponseKeys(operation, fragments, request.variables ?? {});
          return {
            willResolveField({ info }) {
              if (info.path.prev === undefined) started.push(String(info.path.key));
            },
          };
        },
        // Synchronous: it must mark the errors before the plugins after it copy or replace them.
        async willSendResponse({ response, contextValue }) {
          if (!planned || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.data !== null || !result.errors?.length) return;
          result.errors = markStoppedMutation(
            result.errors,
            planned,
            started,
            writeOutcomeOf(contextValue) !== undefined,
          );
        },
      };
    },
  };
}
