import { AUDITOR, type Audience, EVERYONE, OFFICER } from './audiences.js';

/**
 * The access policy's shape: for every object type of the schema, who may read each field (and,
 * on Mutation, who may call each mutation). Deny by default: a field the policy does not name is
 * refused. Each module writes the fragment for the types and fields it adds (its `policy.ts`);
 * the composition merges them into the one policy that generates the field guards and the access
 * matrix. A test walks the schema and fails on any field without a rule, and another queries every
 * field as every role to check enforcement matches.
 *
 * Field rules say which kinds of caller may read a field at all. Which rows they see is the row
 * scope's business: a business reads declarations, but only its own. A type's `default` applies
 * to every field the type does not list.
 */
export interface TypePolicy {
  readonly default?: readonly Audience[];
  readonly fields?: Readonly<Record<string, readonly Audience[]>>;
}

export type AccessPolicy = Readonly<Record<string, TypePolicy>>;

/** The authority's own staff. */
export const INTERNAL: readonly Audience[] = [OFFICER, AUDITOR];

/** The types the platform itself adds to every schema: refetching, paging, money and the errors of mutations. */
export const PLATFORM_POLICY: AccessPolicy = {
  Query: { fields: { node: [EVERYONE], nodes: [EVERYONE] } },
  PageInfo: { default: [EVERYONE] },
  Money: { default: [EVERYONE] },
  ValidationFailed: { default: [EVERYONE] },
  InputProblem: { default: [EVERYONE] },
  NotFound: { default: [EVERYONE] },
  NotPermitted: { default: [EVERYONE] },
  InvalidStatus: { default: [EVERYONE] },
  VersionConflict: { default: [EVERYONE] },
};

/**
 * The fragments as one policy. Two fragments may add fields to one type (Query, or a type that
 * another module extends), but a type's default and each field's rule are written once: a second
 * rule for the same thing is a mistake in the fragments, refused here rather than one silently
 * winning.
 */
export function mergePolicies(fragments: readonly AccessPolicy[]): AccessPolicy {
  const defaults = new Map<string, readonly Audience[]>();
  const fields = new Map<string, Record<string, readonly Audience[]>>();
  for (const fragment of fragments) {
    for (const [typeName, policy] of Object.entries(fragment)) {
      if (policy.default) {
        if (defaults.has(typeName)) throw new Error(`access policy: ${typeName} has two defaults`);
        defaults.set(typeName, policy.default);
      }
      const typeFields = fields.get(typeName) ?? {};
      for (const [fieldName, audiences] of Object.entries(policy.fields ?? {})) {
        if (typeFields[fieldName]) throw new Error(`access policy: ${typeName}.${fieldName} has two rules`);
        typeFields[fieldName] = audiences;
      }
      fields.set(typeName, typeFields);
    }
  }
  const merged: Record<string, TypePolicy> = {};
  for (const [typeName, typeFields] of fields) {
    const typeDefault = defaults.get(typeName);
    merged[typeName] = {
      ...(typeDefault ? { default: typeDefault } : {}),
      ...(Object.keys(typeFields).length > 0 ? { fields: typeFields } : {}),
    };
  }
  return merged;
}
