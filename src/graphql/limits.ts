import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isIntrospectionType,
  isListType,
  isObjectType,
  Kind,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/**
 * Validation rules that refuse queries too deep or with too many aliases before any resolver
 * runs. They answer 400 with a stable code, like every other validation error.
 */

function limitError(message: string, reason: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', reason } });
}

function selectionDepth(
  selectionSet: SelectionSetNode | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      // Introspection meta-fields are exempt: tools ask them deeply and they touch no data.
      if (selection.name.value.startsWith('__')) continue;
      depth = selection.selectionSet ? 1 + selectionDepth(selection.selectionSet, fragments, visiting) : 1;
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, fragments, visiting);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || visiting.has(name)) continue; // unknown or cyclic fragments are other rules' errors
      visiting.add(name);
      depth = selectionDepth(fragment.selectionSet, fragments, visiting);
      visiting.delete(name);
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

function fragmentMap(context: ValidationContext): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of context.getDocument().definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

export function depthLimit(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const depth = selectionDepth(node.selectionSet, fragmentMap(context), new Set());
      if (depth > maxDepth) {
        context.reportError(
          limitError(`The query is ${depth} levels deep; the limit is ${maxDepth}.`, 'QUERY_TOO_DEEP'),
        );
      }
    },
  });
}

export function aliasLimit(maxAliases: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > maxAliases) {
            context.reportError(
              limitError(`The query uses ${aliases} aliases; the limit is ${maxAliases}.`, 'TOO_MANY_ALIASES'),
            );
          }
        },
      },
    };
  };
}

/**
 * How deeply introspection nests lists (types, fields, args, possibleTypes ...). Introspection is
 * exempt from the depth limit and the cost, since tools ask it deeply; but
 * `__schema { types { fields { type { fields { type { fields ... } } } } } }` grows by the size of
 * the schema at every level. The standard introspection query (GraphiQL, codegen) nests three:
 * types > fields > args.
 */
function introspectionListNesting(
  selectionSet: SelectionSetNode | undefined,
  type: GraphQLNamedType | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
): number {
  if (!selectionSet || !type) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let nesting = 0;
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const field =
        name === '__schema'
          ? SchemaMetaFieldDef
          : name === '__type'
            ? TypeMetaFieldDef
            : isObjectType(type) && isIntrospectionType(type)
              ? type.getFields()[name]
              : undefined; // outside introspection: the depth limit and the cost apply
      if (!field) continue;
      const isList = isListType(getNullableType(field.type));
      nesting =
        (isList ? 1 : 0) +
        introspectionListNesting(selection.selectionSet, getNamedType(field.type), fragments, visiting);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      nesting = introspectionListNesting(selection.selectionSet, type, fragments, visiting);
    } else {
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(selection.name.value)) continue;
      visiting.add(selection.name.value);
      nesting = introspectionListNesting(fragment.selectionSet, type, fragments, visiting);
      visiting.delete(selection.name.value);
    }
    deepest = Math.max(deepest, nesting);
  }
  return deepest;
}

export function introspectionLimit(maxListNesting = 3): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(node) {
      const root = context.getSchema().getQueryType() ?? undefined;
      const nesting = introspectionListNesting(node.selectionSet, root, fragmentMap(context), new Set());
      if (nesting > maxListNesting) {
        context.reportError(
          limitError(
            `The introspection query nests ${nesting} lists; the limit is ${maxListNesting}. The standard introspection query needs 3.`,
            'INTROSPECTION_TOO_DEEP',
          ),
        );
      }
    },
  });
}
