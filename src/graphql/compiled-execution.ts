import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  getNamedType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  type OperationDefinitionNode,
  printSchema,
  TypeInfo,
  type ValueNode,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';

/**
 * Executes read operations with graphql-jit: each operation of a document is compiled once into
 * JavaScript specialised to its selection (field resolution, variable coercion, result building),
 * cached by the parsed document, which Apollo keeps per query text in its document store, so a
 * repeated query is compiled once, on its second run (its first is graphql-js's). It runs the same schema: the same resolvers, so the field
 * guards the policy generated (auth/enforce.ts), the cost budget's charges, the loaders' row
 * scope; Apollo's parsing, validation (depth, aliases, directives), plugins, error masking
 * (`formatError`) and write outcome are before and after execution and do not change.
 *
 * graphql-js executes what the compiler is not used for:
 * - mutations and subscriptions: a mutation's fields run serially with the cost budget's hook
 *   before each (cost-budget.ts), which Apollo installs by wrapping resolvers for
 *   graphql-js; their cost is in the database, not in execution;
 * - introspection (`__schema`, `__type` at the root), which the playground sends;
 * - a document the compiler refuses (it returns errors instead of a plan);
 * - a document with a literal of a scalar that parses to an object (a Decimal, a DateTime): the
 *   compiler writes literal arguments into the code it generates as JSON, so the resolver would
 *   get a plain string or object instead of the Decimal (found by the access matrix's literal
 *   `netMass: "10"`); sent as variables, as clients do, they are coerced at run time and compile;
 * - a request whose variables do not coerce: the compiled plan finds it before any resolver runs,
 *   and graphql-js answers it again, so that the client gets graphql-js's messages and paths.
 */
export type ExecutionMode = 'compiled' | 'interpreted';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** No plan: graphql-js executes the operation. */
const INTERPRETED = null;

function operationOf(document: DocumentNode, operationName: string | null): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  return operationName === null ? operations[0] : operations.find((o) => o.name?.value === operationName);
}

function isIntrospection(operation: OperationDefinitionNode): boolean {
  return operation.selectionSet.selections.some(
    (selection) =>
      selection.kind === Kind.FIELD && (selection.name.value === '__schema' || selection.name.value === '__type'),
  );
}

/**
 * Whether a literal in the document (an argument, an input field, a variable's default) is of a
 * scalar whose parsed value is an object rather than a string, number or boolean.
 */
function hasObjectLiteral(schema: GraphQLSchema, document: DocumentNode): boolean {
  const typeInfo = new TypeInfo(schema);
  let found = false;
  const check = (node: ValueNode) => {
    const type = getNamedType(typeInfo.getInputType() ?? undefined);
    if (found || !type || !isScalarType(type) || isSpecifiedScalarType(type)) return;
    try {
      const parsed: unknown = type.parseLiteral(node, undefined);
      found = parsed !== null && typeof parsed === 'object';
    } catch {
      // Not a valid literal: graphql-js refuses it in its own words.
      found = true;
    }
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      StringValue: check,
      IntValue: check,
      FloatValue: check,
      BooleanValue: check,
      EnumValue: check,
    }),
  );
  return found;
}

/**
 * A field error of a compiled plan as graphql-js would have raised it. graphql-jit's errors pass
 * `instanceof GraphQLError` but leave `extensions` undefined when the original error has none,
 * and Apollo's error formatting reads `extensions.code` of every error: it failed, and answered a
 * bare "Internal server error" without the field's path, location or request id.
 */
function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const plain = new GraphQLError(error.message, {
    ...(error.path ? { path: error.path } : {}),
    ...(error.originalError ? { originalError: error.originalError } : {}),
    ...(error.extensions ? { extensions: error.extensions } : {}),
  });
  // graphql-js computes locations from the nodes, which the compiled plan does not keep; it gives them as they are.
  (plain as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return plain;
}

/** Compiled plans of one schema, by document and operation name (the empty string: the only operation). */
export class CompiledPlans {
  /** By document and operation: how often it ran uncompiled, then its plan (null: graphql-js for good). */
  private readonly plans = new WeakMap<DocumentNode, Map<string, CompiledQuery | null | number>>();
  /** Operations compiled and operations left to graphql-js for good, for tests and metrics. */
  readonly counts = { compiled: 0, interpreted: 0 };

  /**
   * `compileAfter`: how many times an operation runs by graphql-js before it is compiled.
   * Compiling costs more than one execution, so a query sent once (an ad-hoc query in the
   * playground, each of a fuzzer's) is not compiled; one an integration sends again is.
   */
  constructor(
    private readonly schema: GraphQLSchema,
    private readonly compileAfter = 1,
  ) {}

  planFor(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    let byName = this.plans.get(document);
    if (!byName) {
      byName = new Map();
      this.plans.set(document, byName);
    }
    const key = operationName ?? '';
    const known = byName.get(key) ?? 0;
    if (typeof known !== 'number') return known;
    if (known < this.compileAfter) {
      byName.set(key, known + 1);
      return null;
    }
    const plan = this.compile(document, operationName);
    byName.set(key, plan);
    if (plan) this.counts.compiled++;
    else this.counts.interpreted++;
    return plan;
  }

  private compile(document: DocumentNode, operationName: string | null): CompiledQuery | null {
    const operation = operationOf(document, operationName);
    if (operation?.operation !== 'query' || isIntrospection(operation)) return INTERPRETED;
    if (hasObjectLiteral(this.schema, document)) return INTERPRETED;
    const compiled = compileQuery(this.schema, document, operationName ?? undefined);
    return isCompiledQuery(compiled) ? compiled : INTERPRETED;
  }

  /** Executes one operation: compiled when it has a plan, by graphql-js otherwise. */
  async execute(options: {
    document: DocumentNode;
    operationName: string | null;
    variables: Record<string, unknown>;
    context: unknown;
  }): Promise<ExecutionResult> {
    const { document, operationName, variables, context } = options;
    const plan = this.planFor(document, operationName);
    if (plan) {
      const result = await plan.query(undefined, context, variables);
      // Without data the variables did not coerce: nothing ran; graphql-js says why in its words.
      if (result.data !== undefined || !result.errors) {
        return result.errors ? { ...result, errors: result.errors.map(asGraphQLJsError) } : result;
      }
    }
    return execute({
      schema: this.schema,
      document,
      contextValue: context,
      variableValues: variables,
      operationName,
    });
  }
}

/**
 * The schema served through Apollo's gateway interface, the way Apollo Server lets a server
 * bring its own executor: the schema is fixed, so it is announced once and never updated.
 */
export function compiledExecution(schema: GraphQLSchema): { gateway: Gateway; plans: CompiledPlans } {
  const plans = new CompiledPlans(schema);
  const gateway: Gateway = {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return {
        executor: async (request) =>
          plans.execute({
            document: request.document,
            operationName: request.operationName,
            variables: request.request.variables ?? {},
            context: request.context,
          }) as ReturnType<NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>>,
      };
    },
    async stop() {},
  };
  return { gateway, plans };
}
