import { type GraphQLFieldResolver, type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { isInAnyAudience } from '../src/auth/audiences.js';
import { audiencesFor, forbidden } from '../src/auth/shield.js';
import type { RequestContext } from '../src/context.js';

/**
 * Bench-only comparison: the same access policy enforced on every field by a synchronous
 * graphql-middleware function instead of graphql-shield. Shield makes every field resolver
 * async (an async middleware awaiting an async rule); this one adds one function call and one
 * check. The benchmark reports both against no authorization at all, to show where the time
 * goes. Not used by the server.
 */
export function protectSchemaSynchronously(schema: GraphQLSchema): GraphQLSchema {
  const middleware: Record<string, Record<string, unknown>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    const fields: Record<string, unknown> = {};
    for (const field of Object.keys(type.getFields())) {
      const audiences = audiencesFor(type.name, field);
      fields[field] = (
        resolve: GraphQLFieldResolver<unknown, RequestContext>,
        parent: unknown,
        args: Record<string, unknown>,
        ctx: RequestContext,
        info: Parameters<GraphQLFieldResolver<unknown, RequestContext>>[3],
      ) => (audiences && isInAnyAudience(ctx.caller, audiences) ? resolve(parent, args, ctx, info) : forbidden());
    }
    middleware[type.name] = fields;
  }
  return applyMiddleware(schema, middleware as never);
}
