import type { ApolloServerPlugin } from '@apollo/server';
import { type ASTNode, type DocumentNode, GraphQLError, Kind, visit } from 'graphql';

/**
 * Characters no string input may hold, checked once at the edge for the whole request.
 *
 * PostgreSQL refuses NUL in text and jsonb ("invalid byte sequence for encoding UTF8: 0x00",
 * "unsupported Unicode escape sequence"), so a NUL that reached a query failed it with an
 * internal error. A lone UTF-16 surrogate has no UTF-8 form: the drivers replace it with U+FFFD,
 * so what would be stored is not what was sent. Both are refused before any resolver runs, over
 * every string the request carries: the literals in the document (arguments, input objects,
 * lists, directive arguments, variable defaults) and every string in the variables, whatever
 * type (String, ID, custom scalars) it is later coerced to.
 */
const REFUSED = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasRefusedCharacter(text: string): boolean {
  return REFUSED.test(text);
}

export type InputPath = readonly (string | number)[];

function refused(inputPath: InputPath, nodes?: ASTNode): GraphQLError {
  return new GraphQLError(
    'A string input holds a character that is not allowed (NUL or a lone UTF-16 surrogate). Nothing was run.',
    {
      ...(nodes ? { nodes } : {}),
      extensions: { code: 'INVALID_INPUT', reason: 'CHARACTER_NOT_ALLOWED', inputPath, http: { status: 400 } },
    },
  );
}

interface PathLink {
  readonly parent: PathLink | null;
  readonly key: string | number;
}

function pathOf(link: PathLink | null): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let at = link; at; at = at.parent) keys.push(at.key);
  return keys.reverse();
}

/**
 * The path to the first refused string in the variables, starting with "variables"; null when
 * there is none. Iterative, with the path kept as links: a deeply nested JSON body can neither
 * overflow the stack nor make the walk quadratic.
 */
export function refusedInVariables(variables: Readonly<Record<string, unknown>>): (string | number)[] | null {
  const root: PathLink = { parent: null, key: 'variables' };
  const stack: { value: unknown; link: PathLink }[] = [{ value: variables, link: root }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, link } = next;
    if (typeof value === 'string') {
      if (hasRefusedCharacter(value)) return pathOf(link);
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], link: { parent: link, key: i } });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i] as [string, unknown];
        stack.push({ value: item, link: { parent: link, key } });
      }
    }
  }
  return null;
}

/**
 * Where a string literal sits, in the words of the query: the response keys of the fields above
 * it (aliases where given), `...Name` for a named fragment, `$name` for a variable's default,
 * `@name` for a directive, then the argument, input fields and list positions.
 */
function literalPath(ancestors: readonly (ASTNode | readonly ASTNode[])[], keys: readonly (string | number)[]) {
  const path: (string | number)[] = [];
  ancestors.forEach((ancestor, i) => {
    if (Array.isArray(ancestor)) return;
    const node = ancestor as ASTNode;
    switch (node.kind) {
      case Kind.FIELD:
        path.push(node.alias?.value ?? node.name.value);
        break;
      case Kind.FRAGMENT_DEFINITION:
        path.push(`...${node.name.value}`);
        break;
      case Kind.VARIABLE_DEFINITION:
        path.push(`$${node.variable.name.value}`);
        break;
      case Kind.DIRECTIVE:
        path.push(`@${node.name.value}`);
        break;
      case Kind.ARGUMENT:
      case Kind.OBJECT_FIELD:
        path.push(node.name.value);
        break;
      case Kind.LIST: {
        // The list's values array follows it among the ancestors; the key after that is the index.
        const index = keys[i + 1];
        if (typeof index === 'number') path.push(index);
        break;
      }
      default:
        break;
    }
  });
  return path;
}

/** The first string literal of the document holding a refused character, with its path. */
export function refusedInDocument(document: DocumentNode): GraphQLError | null {
  let found: GraphQLError | null = null;
  // graphql-js's visit keeps its own stack, so a deep document does not overflow ours.
  visit(document, {
    StringValue(node, _key, parent, path, ancestors) {
      if (found || !hasRefusedCharacter(node.value)) return;
      // `ancestors` stops short of the parent; with it, path[i] is the step from chain[i] to the next.
      const chain = parent === undefined ? [...ancestors] : [...ancestors, parent];
      found = refused(literalPath(chain as (ASTNode | readonly ASTNode[])[], path), node);
    },
  });
  return found;
}

/**
 * The plugin that applies the check: after the operation is resolved (so a syntax error keeps
 * its own answer) and before execution coerces a single variable or runs a resolver. A refused
 * request answers HTTP 400 with INVALID_INPUT and changes nothing.
 */
export function inputGuardPlugin<Context extends object>(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request }) {
          const literal = refusedInDocument(document);
          if (literal) throw literal;
          const variablePath = refusedInVariables(request.variables ?? {});
          if (variablePath) throw refused(variablePath);
        },
      };
    },
  };
}
