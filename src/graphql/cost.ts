import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from './pagination.js';

/**
 * The cost of a query, computed before it runs: every object a query may return counts 1, and a
 * list multiplies what is inside it by how long it may be (`first`/`last` of a connection, or a
 * typical length for plain lists). Leaf fields are free. The server refuses a query above its
 * limit and reports the cost of every query in `extensions.cost`.
 */
export const TYPICAL_LIST_LENGTH = 10;

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  visiting: Set<string>;
}

function argumentValue(node: FieldNode, name: string, walk: Walk): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, walk.variables) : undefined;
}

function listLength(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  walk: Walk,
): number {
  // The connection field already counted its page size; its edges hold that many items.
  if (parent.name.endsWith('Connection') && (field.name === 'edges' || field.name === 'nodes')) return 1;
  const hasPaging = field.args.some((a) => a.name === 'first' || a.name === 'last');
  if (hasPaging) {
    const size = argumentValue(node, 'first', walk) ?? argumentValue(node, 'last', walk);
    return typeof size === 'number' && size >= 0 ? size : DEFAULT_PAGE_SIZE;
  }
  const ids = argumentValue(node, 'ids', walk);
  if (Array.isArray(ids)) return ids.length;
  return isListType(getNullableType(field.type)) ? TYPICAL_LIST_LENGTH : 1;
}

function selectionCost(selectionSet: SelectionSetNode, type: GraphQLNamedType, walk: Walk): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      if (!field) continue;
      const inner = getNamedType(field.type);
      if (!isCompositeType(inner) || !selection.selectionSet) continue;
      // A connection's length applies to the nodes inside its edges, not to the connection object.
      const length = listLength(type, field, selection, walk);
      cost +=
        (isListType(getNullableType(field.type)) ? length : 1) +
        length * selectionCost(selection.selectionSet, inner, walk);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (condition) cost += selectionCost(selection.selectionSet, condition, walk);
    } else {
      const name = selection.name.value;
      const fragment = walk.fragments.get(name);
      const condition = fragment && walk.schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !condition || walk.visiting.has(name)) continue;
      walk.visiting.add(name);
      cost += selectionCost(fragment.selectionSet, condition, walk);
      walk.visiting.delete(name);
    }
  }
  return cost;
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root ? selectionCost(operation.selectionSet, root, { schema, fragments, variables, visiting: new Set() }) : 0;
}
