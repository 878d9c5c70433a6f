import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
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
import { DEFAULT_PAGE_SIZE } from '../shared/pagination.js';
import { DocumentTooComplex, fragmentMap, MAX_WALK_LEVELS, tooComplexError } from './limits.js';

/**
 * The cost of a query, computed before it runs: every object a query may return counts 1, and a
 * list multiplies what is inside it by how long it may be (`first`/`last` of a connection, the
 * length of the input list it answers, or a typical length for other plain lists). Leaf fields
 * are free. The server refuses a query above its limit and reports the cost of every query in
 * `extensions.cost`. Lists read from stored rows whose length only the rows know (goods items)
 * are counted at their usual length here and charged their real length when they resolve
 * (`cost-budget.ts`): goods items and the stored assessment of each item.
 */
export const TYPICAL_LIST_LENGTH = 10;

/** Lists that are the content of a page whose paged field already counted the page size. */
export const PAGE_CONTENT_LISTS: ReadonlySet<string> = new Set(['DeclarationItemFeedPage.events']);

/**
 * Plain lists whose usual length is far from the typical one. An ordinary declaration holds about
 * 20 goods items (the demo data's and the bench's), and its stored assessment one entry per item; a
 * longer one is charged the rest as it resolves.
 */
export const KNOWN_LIST_LENGTHS: Readonly<Record<string, number>> = {
  'Query.exchangeRates': 500,
  'Declaration.goodsItems': 20,
  'DeclarationVersion.goodsItems': 20,
  'Assessment.items': 20,
};

/** The length the estimate gives a plain list without arguments that size it. */
export function estimatedListLength(parent: string, field: string): number {
  return KNOWN_LIST_LENGTHS[`${parent}.${field}`] ?? TYPICAL_LIST_LENGTH;
}

type Arguments = Record<string, unknown>;

/** A list's length; a single value where a list is expected is coerced to a list of one. */
const lengthOf = (value: unknown): number => (Array.isArray(value) ? value.length : value == null ? 0 : 1);
const field = (value: unknown, name: string): unknown =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;

/**
 * Lists as long as a list in the arguments of a field above them: the field ("Type.field") and,
 * from its arguments, the length of each such list below it. A calculation answers one result
 * per input item, so 30 aliases over one 999-item variable cost 30 times 999 items.
 */
export const INPUT_SIZED_LISTS: Readonly<Record<string, (args: Arguments) => Record<string, number>>> = {
  'Query.calculateImportDuties': (args) => ({
    'ImportDutyCalculation.items': lengthOf(field(args.input, 'goodsItems')),
  }),
  'Query.calculateTravellerDuties': (args) => ({
    'TravellerAssessment.items':
      lengthOf(field(args.input, 'goods')) +
      lengthOf(field(args.input, 'alcohol')) +
      lengthOf(field(args.input, 'tobacco')),
  }),
};

/** The input-sized list lengths in force at a point of the walk, with a key that tells them apart. */
interface Sizes {
  readonly key: string;
  readonly lengths: ReadonlyMap<string, number>;
}

const NO_SIZES: Sizes = { key: '', lengths: new Map() };

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  /**
   * The cost of each fragment (by input sizes and name), computed once however often it is
   * spread, so that fragments spreading each other twice over cost time linear in the document.
   * -1 while computing: a cycle, which validation has already refused.
   */
  memo: Map<string, number>;
}

function argumentValue(node: FieldNode, name: string, walk: Walk): unknown {
  const argument = node.arguments?.find((a) => a.name.value === name);
  return argument ? valueFromASTUntyped(argument.value, walk.variables) : undefined;
}

function isPageContent(parent: GraphQLNamedType, field: GraphQLField<unknown, unknown>): boolean {
  if (parent.name.endsWith('Connection')) return field.name === 'edges' || field.name === 'nodes';
  return PAGE_CONTENT_LISTS.has(`${parent.name}.${field.name}`);
}

function listLength(
  parent: GraphQLNamedType,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  walk: Walk,
  sizes: Sizes,
): number {
  if (isPageContent(parent, field)) return 1;
  const sized = sizes.lengths.get(`${parent.name}.${field.name}`);
  if (sized !== undefined) return sized;
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
  return estimatedListLength(parent.name, field.name);
}

/** The sizes below a field: new ones when its arguments size lists, else those above it. */
function sizesBelow(key: string, node: FieldNode, walk: Walk, sizes: Sizes): Sizes {
  const sizer = INPUT_SIZED_LISTS[key];
  if (!sizer) return sizes;
  const args: Arguments = {};
  for (const argument of node.arguments ?? [])
    args[argument.name.value] = argumentValue(node, argument.name.value, walk);
  const lengths = new Map(Object.entries(sizer(args)));
  return { key: [...lengths].map(([list, length]) => `${list}=${length}`).join(';'), lengths };
}

function selectionCost(
  selectionSet: SelectionSetNode,
  type: GraphQLNamedType,
  walk: Walk,
  sizes: Sizes,
  level: number,
): number {
  if (level > MAX_WALK_LEVELS) throw new DocumentTooComplex();
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__')) continue;
      const field = isObjectType(type) || isInterfaceType(type) ? type.getFields()[selection.name.value] : undefined;
      if (!field) continue;
      const inner = getNamedType(field.type);
      if (!isCompositeType(inner) || !selection.selectionSet) continue;
      // A connection's length applies to the nodes inside its edges, not to the connection object.
      const length = listLength(type, field, selection, walk, sizes);
      const below = sizesBelow(`${type.name}.${field.name}`, selection, walk, sizes);
      cost +=
        (isListType(getNullableType(field.type)) ? length : 1) +
        length * selectionCost(selection.selectionSet, inner, walk, below, level + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition ? walk.schema.getType(selection.typeCondition.name.value) : type;
      if (condition) cost += selectionCost(selection.selectionSet, condition, walk, sizes, level + 1);
    } else {
      cost += fragmentCost(selection.name.value, walk, sizes, level + 1);
    }
  }
  return cost;
}

function fragmentCost(name: string, walk: Walk, sizes: Sizes, level: number): number {
  const key = `${sizes.key}|${name}`;
  const known = walk.memo.get(key);
  if (known !== undefined) return Math.max(known, 0);
  const fragment = walk.fragments.get(name);
  const condition = fragment && walk.schema.getType(fragment.typeCondition.name.value);
  if (!fragment || !condition) return 0;
  walk.memo.set(key, -1);
  const cost = selectionCost(fragment.selectionSet, condition, walk, sizes, level);
  walk.memo.set(key, cost);
  return cost;
}

/** Runs a walk, turning a document too deeply chained to walk into a coded 400. */
function guarded(run: () => number): number {
  try {
    return run();
  } catch (error) {
    if (!(error instanceof DocumentTooComplex)) throw error;
    const refusal = tooComplexError();
    throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status: 400 } } });
  }
}

export function queryCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
): number {
  // Variables as given, with the declared defaults of those not given. Not coerced: the cost reads
  // only list lengths and page sizes, which coercion does not change (a single value sent for a
  // list counts as one item below), and coercing a large input here would do the work twice.
  const values = withDeclaredDefaults(operation, variables);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  const walk: Walk = { schema, fragments: fragmentMap(document.definitions), variables: values, memo: new Map() };
  return guarded(() => selectionCost(operation.selectionSet, root, walk, NO_SIZES, 0));
}

function withDeclaredDefaults(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) {
      values[name] = valueFromASTUntyped(definition.defaultValue);
    }
  }
  return values;
}

/**
 * The cost of one object of `type` with the given selections, as `queryCost` counts it (the
 * object itself included): what each item of a list costs, for charging a list its real length.
 */
export function objectCost(
  schema: GraphQLSchema,
  type: GraphQLNamedType,
  selectionSet: SelectionSetNode | undefined,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  if (!selectionSet) return 1;
  const walk: Walk = { schema, fragments: new Map(Object.entries(fragments)), variables, memo: new Map() };
  return 1 + guarded(() => selectionCost(selectionSet, type, walk, NO_SIZES, 0));
}
