import { type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import { type Audience, audienceName, isInAnyAudience } from '../src/auth/audiences.js';
import { audiencesFor, forbidden } from '../src/auth/enforce.js';
import type { RequestContext } from '../src/composition/context.js';
import { ACCESS_POLICY } from '../src/composition/policy.js';

type ShieldRule = ReturnType<ReturnType<typeof rule>>;

/**
 * Bench-only comparison: the same access policy enforced by graphql-shield, the usual choice for
 * an Apollo server, so that the benchmark keeps showing why the server uses a synchronous guard
 * instead (src/auth/enforce.ts). Rules are uncached: shield's caches hash each field's
 * arguments, which costs more than the check itself. Not used by the server.
 */
export function protectSchemaWithShield(schema: GraphQLSchema): GraphQLSchema {
  const rules = new Map<string, ShieldRule>();
  const ruleFor = (audiences: readonly Audience[]): ShieldRule => {
    if (audiences.some((a) => a.kind === 'everyone')) return allow as unknown as ShieldRule;
    const name = audiences.map(audienceName).sort().join('|');
    let built = rules.get(name);
    if (!built) {
      built = rule(name, { cache: 'no_cache' })((_parent, _args, ctx: RequestContext) =>
        isInAnyAudience(ctx.caller, audiences),
      );
      rules.set(name, built);
    }
    return built;
  };
  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const audiences = audiencesFor(ACCESS_POLICY, type.name, fieldName);
      if (!audiences) continue; // left to the fallback: deny
      tree[type.name] ??= {};
      (tree[type.name] as Record<string, ShieldRule>)[fieldName] = ruleFor(audiences);
    }
  }
  const permissions = shield(tree, { fallbackRule: deny, fallbackError: forbidden, allowExternalErrors: true });
  return applyMiddleware(schema, permissions);
}
