import {
  GraphQLError,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isIntrospectionType,
  isObjectType,
} from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { type Audience, audienceName, type Caller, isInAnyAudience } from './audiences.js';
import type { AccessPolicy } from './policy.js';

/** The answer to a field the caller may not read: null at its path with this error. */
export function forbidden(): GraphQLError {
  return new GraphQLError('Not allowed: your role or agreement does not grant this field.', {
    extensions: { code: 'FORBIDDEN' },
  });
}

/** The audiences that may read a field, by the policy; undefined when the policy is silent. */
export function audiencesFor(
  policy: AccessPolicy,
  typeName: string,
  fieldName: string,
): readonly Audience[] | undefined {
  const rules = policy[typeName];
  return rules?.fields?.[fieldName] ?? rules?.default;
}

/** What the guard reads of the request context: the caller, computed once per request. */
interface GuardedContext {
  readonly caller: Caller;
}

type Info = Parameters<GraphQLFieldResolver<unknown, GuardedContext>>[3];
/** A field middleware: runs the field's resolver when the caller may read the field, refuses otherwise. */
export type FieldGuard = (
  resolve: GraphQLFieldResolver<unknown, GuardedContext>,
  parent: unknown,
  args: Record<string, unknown>,
  ctx: GuardedContext,
  info: Info,
) => unknown;

const denyField: FieldGuard = () => forbidden();

/** One guard per distinct set of audiences, shared by the fields that have it. */
function guardFor(audiences: readonly Audience[] | undefined, guards: Map<string, FieldGuard>): FieldGuard {
  if (!audiences) return denyField; // the policy is silent: deny by default
  const key = audiences.map(audienceName).sort().join('|');
  let guard = guards.get(key);
  if (!guard) {
    guard = (resolve, parent, args, ctx, info) =>
      isInAnyAudience(ctx.caller, audiences) ? resolve(parent, args, ctx, info) : forbidden();
    guards.set(key, guard);
  }
  return guard;
}

/** A guard for every field of every object type of the schema, generated from the access policy. */
export function fieldGuards(schema: GraphQLSchema, policy: AccessPolicy): Record<string, Record<string, FieldGuard>> {
  const guards = new Map<string, FieldGuard>();
  const tree: Record<string, Record<string, FieldGuard>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const fields: Record<string, FieldGuard> = {};
    for (const fieldName of Object.keys(type.getFields())) {
      fields[fieldName] = guardFor(audiencesFor(policy, type.name, fieldName), guards);
    }
    tree[type.name] = fields;
  }
  return tree;
}

/**
 * The schema with the policy enforced on every field: deny by default, a FORBIDDEN error (and
 * null at the field's path) for a refusal, the resolver's own result and errors otherwise.
 *
 * The guard is synchronous on purpose. The caller's capabilities are computed once per request,
 * so the check is a few comparisons. graphql-shield, the usual choice, wraps every field in an
 * async middleware awaiting an async rule, which on a page of declarations with their items
 * (thousands of fields) turns every field into promises; `npm run bench` rows (d) and (e) measure
 * the share of throughput each leaves, on the same workload.
 */
export function protectSchema(schema: GraphQLSchema, policy: AccessPolicy): GraphQLSchema {
  // A field open to everyone has a guard that always passes: leave its resolver unwrapped, since
  // public answers (the duty calculation, the tariff) hold thousands of such fields.
  const tree = fieldGuards(schema, policy);
  for (const [typeName, fields] of Object.entries(tree)) {
    for (const fieldName of Object.keys(fields)) {
      if (audiencesFor(policy, typeName, fieldName)?.some((audience) => audience.kind === 'everyone')) {
        delete fields[fieldName];
      }
    }
  }
  return applyMiddleware(schema, tree as never);
}
