import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  getVariableValues,
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

/** Lists that are the content of a page whose paged field already counted the page size. */
export const PAGE_CONTENT_LISTS: ReadonlySet<string> = new Set(['DeclarationItemFeedPage.events']);

/** Plain lists whose usual length is far from the typical one. */
export const KNOWN_LIST_LENGTHS: Readonly<Record<string, number>> = { 'Query.exchangeRates': 500 };

function isPageContent(parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>): boolean {
  if (parent.name.endsWith('Connection')) return field.name === 'edges' || field.name === 'nodes';
  return PAGE_CONTENT_LISTS.has(`${parent.name}.${field.name}`);
}

function listLength(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  walk: Walk,
): number {
  if (isPageContent(parent, field)) return 1;
  const paging = field.args.filter((a) => a.name === 'first' || a.name === 'last');
  if (paging.length > 0) {
    const size = argumentValue(node, 'first', walk) ?? argumentValue(node, 'last', walk);
    if (typeof size === 'number' && size >= 0) return size;
    // Omitted: the page size the field uses then, which its argument's default declares.
    const declared = paging.find((a) => typeof a.defaultValue === 'number')?.defaultValue;
    return typeof declared === 'number' ? declared : DEFAULT_PAGE_SIZE;
  }
  const ids = argumentValue(node, 'ids', walk);
  if (Array.isArray(ids)) return ids.length;
  if (!isListType(getNullableType(field.type))) return 1;
  return KNOWN_LIST_LENGTHS[`${parent.name}.${field.name}`] ?? TYPICAL_LIST_LENGTH;
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
  // Variables as the query will run with them, declared defaults included; as given when they do
  // not coerce (the query then fails on them anyway).
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  const values = coerced.coerced ?? variables;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  return root
    ? selectionCost(operation.selectionSet, root, { schema, fragments, variables: values, visiting: new Set() })
    : 0;
}
