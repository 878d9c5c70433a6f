import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
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
import { limitError } from './document-limits.js';

/**
 * How far a walker over a document follows selections and fragment spreads before it gives up
 * and refuses the document. The depth limit refuses deep selections long before this; it is
 * here for chains of fragments, which add no depth but add a frame to every recursive walk.
 */
export const MAX_WALK_LEVELS = 1000;

export class DocumentTooComplex extends Error {}

export function tooComplexError() {
  return limitError(
    `The query nests selections and fragments more than ${MAX_WALK_LEVELS} levels deep.`,
    'QUERY_TOO_COMPLEX',
  );
}

interface IntrospectionWalk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  /** Nesting of each fragment, computed once however many times it is spread; -1 while computing (a cycle). */
  memo: Map<string, number>;
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
  walk: IntrospectionWalk,
  level: number,
): number {
  if (!selectionSet || !type) return 0;
  if (level > MAX_WALK_LEVELS) throw new DocumentTooComplex();
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
        (isList ? 1 : 0) + introspectionListNesting(selection.selectionSet, getNamedType(field.type), walk, level + 1);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      nesting = introspectionListNesting(selection.selectionSet, type, walk, level + 1);
    } else {
      nesting = fragmentNesting(selection.name.value, walk, level + 1);
    }
    deepest = Math.max(deepest, nesting);
  }
  return deepest;
}

/**
 * A fragment's nesting depends only on the fragment (its type condition and its selections), so
 * it is computed once: a document whose fragments spread each other twice over is walked in
 * time linear in its size, not in the number of paths through it.
 */
function fragmentNesting(name: string, walk: IntrospectionWalk, level: number): number {
  const known = walk.memo.get(name);
  if (known !== undefined) return Math.max(known, 0); // unknown or cyclic fragments are other rules' errors
  const fragment = walk.fragments.get(name);
  if (!fragment) return 0;
  walk.memo.set(name, -1);
  const type = walk.schema.getType(fragment.typeCondition.name.value) ?? undefined;
  const nesting = introspectionListNesting(fragment.selectionSet, type, walk, level);
  walk.memo.set(name, nesting);
  return nesting;
}

export function fragmentMap(definitions: readonly { kind: Kind }[]): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      const fragment = definition as FragmentDefinitionNode;
      fragments.set(fragment.name.value, fragment);
    }
  }
  return fragments;
}

/** Refuses introspection that nests more lists than the standard introspection query. Answers 400. */
export function introspectionLimit(maxListNesting = 3): ValidationRule {
  return (context: ValidationContext): ASTVisitor => {
    const walk: IntrospectionWalk = {
      schema: context.getSchema(),
      fragments: fragmentMap(context.getDocument().definitions),
      memo: new Map(),
    };
    return {
      OperationDefinition(node) {
        const root = context.getSchema().getQueryType() ?? undefined;
        let nesting: number;
        try {
          nesting = introspectionListNesting(node.selectionSet, root, walk, 0);
        } catch (error) {
          if (!(error instanceof DocumentTooComplex)) throw error;
          context.reportError(tooComplexError());
          return;
        }
        if (nesting > maxListNesting) {
          context.reportError(
            limitError(
              `The introspection query nests ${nesting} lists; the limit is ${maxListNesting}. The standard introspection query needs 3.`,
              'INTROSPECTION_TOO_DEEP',
            ),
          );
        }
      },
    };
  };
}
