import { GraphQLError, type GraphQLSchema, isIntrospectionType, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';
import type { RequestContext } from '../context.js';
import { type Audience, audienceName, isInAnyAudience } from './audiences.js';
import { ACCESS_POLICY } from './policy.js';

/** The answer to a field the caller may not read: null at its path with this error. */
export function forbidden(): GraphQLError {
  return new GraphQLError('Not allowed: your role or agreement does not grant this field.', {
    extensions: { code: 'FORBIDDEN' },
  });
}

/** The audiences that may read a field, by the policy; undefined when the policy is silent. */
export function audiencesFor(typeName: string, fieldName: string): readonly Audience[] | undefined {
  const policy = ACCESS_POLICY[typeName];
  return policy?.fields?.[fieldName] ?? policy?.default;
}

type ShieldRule = ReturnType<ReturnType<typeof rule>>;

/**
 * One shield rule per distinct set of audiences. The check is synchronous and cheap (the caller's
 * capabilities are computed once per request), so the rules are not cached: shield's caches hash
 * arguments per field, which costs more than the check.
 */
function ruleFor(audiences: readonly Audience[], rules: Map<string, ShieldRule>): ShieldRule {
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
}

/** The shield rule tree for every object type and field of the schema that the policy names. */
export function ruleTree(schema: GraphQLSchema): Record<string, Record<string, ShieldRule>> {
  const rules = new Map<string, ShieldRule>();
  const tree: Record<string, Record<string, ShieldRule>> = {};
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || isIntrospectionType(type)) continue;
    for (const fieldName of Object.keys(type.getFields())) {
      const audiences = audiencesFor(type.name, fieldName);
      if (!audiences) continue; // left to the fallback: deny
      tree[type.name] ??= {};
      (tree[type.name] as Record<string, ShieldRule>)[fieldName] = ruleFor(audiences, rules);
    }
  }
  return tree;
}

/**
 * The schema with the policy enforced on every field by graphql-shield: deny by default, a
 * FORBIDDEN error for a refusal, and resolvers' own errors passed through to our error masking.
 */
export function protectSchema(schema: GraphQLSchema): GraphQLSchema {
  const permissions = shield(ruleTree(schema), {
    fallbackRule: deny,
    fallbackError: forbidden,
    allowExternalErrors: true,
  });
  return applyMiddleware(schema, permissions);
}
