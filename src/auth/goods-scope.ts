import { and, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Access } from './access.js';
import { type Agreement, READ_ALL_DECLARATIONS, READ_DECLARATIONS_IN_CHAPTERS, readsExports } from './agreement.js';

/**
 * Which goods a reader may see: the one answer that declaration reads, the declaration item feed
 * and trade statistics all apply, in SQL and (for goods items already loaded) in JavaScript, both
 * generated from the terms below so that they cannot disagree.
 *
 * Each term admits a list of values: null admits every value, an empty list none.
 */
export interface GoodsScope {
  /** HS chapters (the first two digits of the commodity code). */
  readonly chapters: readonly string[] | null;
  readonly originCountries: readonly string[] | null;
  /** Customs procedure of the declaration. */
  readonly procedures: readonly string[] | null;
  /** Declaration types: an agency without read:exports reads import declarations only. */
  readonly declarationTypes: readonly string[] | null;
}

export const ALL_GOODS: GoodsScope = Object.freeze({
  chapters: null,
  originCountries: null,
  procedures: null,
  declarationTypes: null,
});
export const NO_GOODS: GoodsScope = Object.freeze({
  chapters: [],
  originCountries: [],
  procedures: [],
  declarationTypes: [],
});

/**
 * The chapters an agreement covers. read:declarations:all covers every chapter, whatever the
 * list says. Otherwise the list narrows the goods to its chapters, and an empty list narrows
 * nothing (a statistics agreement over all trade), except under read:declarations:chapters: a
 * grant to read by chapter with no chapter covers no goods. recordAgencyAgreement refuses such
 * terms; a row that has them anyway is read the safe way.
 */
function chaptersOf(agreement: Agreement): readonly string[] | null {
  if (agreement.grants.has(READ_ALL_DECLARATIONS)) return null;
  if (agreement.chapters.length > 0) return agreement.chapters;
  return agreement.grants.has(READ_DECLARATIONS_IN_CHAPTERS) ? [] : null;
}

/** The goods an agency's agreement covers; none without an agreement in force. */
export function agreementGoods(agreement: Agreement | null): GoodsScope {
  if (!agreement) return NO_GOODS;
  return {
    chapters: chaptersOf(agreement),
    originCountries: agreement.originCountries,
    procedures: agreement.procedures,
    declarationTypes: readsExports(agreement) ? null : ['IMPORT'],
  };
}

/**
 * The goods a caller sees in reads that are not scoped by party (the item feed, statistics): an
 * agency those of its agreement, the authority's staff all, anyone else none. Who may call such a
 * read at all is the access policy's field rule; this decides the rows.
 */
export function goodsScope(access: Access): GoodsScope {
  switch (access.principal.role) {
    case 'officer':
    case 'auditor':
      return ALL_GOODS;
    case 'agency':
      return agreementGoods(access.agreement);
    default:
      return NO_GOODS;
  }
}

/** What the terms look at: the facts of a goods item and of its declaration. */
export interface GoodsFacts {
  readonly commodityCode: string;
  readonly originCountry: string;
  readonly procedureCode: string;
  readonly declarationType: string;
}
type ItemFact = 'commodityCode' | 'originCountry';
type DeclarationFact = 'procedureCode' | 'declarationType';

/** Where the facts are in a query. */
export type GoodsColumns<F extends keyof GoodsFacts = keyof GoodsFacts> = { readonly [K in F]: SQLWrapper };

interface Term<F extends keyof GoodsFacts> {
  /** The placeholder's name, and the term's part of a prepared statement's shape. */
  readonly name: string;
  readonly fact: F;
  readonly admits: (scope: GoodsScope) => readonly string[] | null;
  /** The value compared with the admitted list, read from the fact: once in JavaScript, once in SQL. */
  readonly key: { readonly js: (fact: string) => string; readonly sql: (column: SQLWrapper) => SQL };
}

const AS_IS = { js: (fact: string) => fact, sql: (column: SQLWrapper) => sql`${column}` };

/** Terms on each goods item: a declaration shows only the items that meet them. */
const ITEM_TERMS: readonly Term<ItemFact>[] = [
  {
    name: 'scopeChapters',
    fact: 'commodityCode',
    admits: (s) => s.chapters,
    key: { js: (code) => code.slice(0, 2), sql: (column) => sql`left(${column}, 2)` },
  },
  { name: 'scopeOrigins', fact: 'originCountry', admits: (s) => s.originCountries, key: AS_IS },
];
/** Terms on the declaration as a whole. */
const DECLARATION_TERMS: readonly Term<DeclarationFact>[] = [
  { name: 'scopeProcedures', fact: 'procedureCode', admits: (s) => s.procedures, key: AS_IS },
  { name: 'scopeTypes', fact: 'declarationType', admits: (s) => s.declarationTypes, key: AS_IS },
];

/** How a condition spells an admitted list: inline, or as a placeholder of a prepared statement. */
export type ListValue = (name: string, values: readonly string[]) => SQL;

/** Inline, an array must be spelled as one: Drizzle would otherwise spread it into a row. */
export const inlineList: ListValue = (_name, values) =>
  sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;

/** Placeholders, whose values are collected into `params` for the statement's execution. */
export function placeholderList(params: Record<string, unknown>): ListValue {
  return (name, values) => {
    params[name] = values;
    return sql`${sql.placeholder(name)}::text[]`;
  };
}

/** The SQL condition of a set of terms: undefined when the scope admits every value of each. */
function conditionFor<F extends keyof GoodsFacts>(terms: readonly Term<F>[]) {
  return (scope: GoodsScope, columns: GoodsColumns<F>, value: ListValue = inlineList): SQL | undefined => {
    const parts: SQL[] = [];
    for (const term of terms) {
      const admitted = term.admits(scope);
      if (admitted !== null) parts.push(sql`${term.key.sql(columns[term.fact])} = any(${value(term.name, admitted)})`);
    }
    return parts.length ? and(...parts) : undefined;
  };
}

function filterOf<F extends keyof GoodsFacts>(
  terms: readonly Term<F>[],
  scope: GoodsScope,
): ((facts: Pick<GoodsFacts, F>) => boolean) | null {
  const checks: ((facts: Pick<GoodsFacts, F>) => boolean)[] = [];
  for (const term of terms) {
    const admitted = term.admits(scope);
    if (admitted === null) continue;
    const values = new Set(admitted);
    checks.push((facts) => values.has(term.key.js(facts[term.fact])));
  }
  return checks.length ? (facts) => checks.every((check) => check(facts)) : null;
}

/** The SQL condition a goods item must meet; undefined when every item does. */
export const itemCondition = conditionFor(ITEM_TERMS);

/** The SQL condition a declaration must meet; undefined when every declaration does. */
export const declarationCondition = conditionFor(DECLARATION_TERMS);

/** Both, for a query with one row per goods item (the feed, statistics). */
export function goodsCondition(
  scope: GoodsScope,
  columns: GoodsColumns,
  value: ListValue = inlineList,
): SQL | undefined {
  return and(itemCondition(scope, columns, value), declarationCondition(scope, columns, value));
}

/** `itemCondition` in JavaScript, for items already loaded; null when every item is seen. */
export function itemFilter(scope: GoodsScope): ((item: Pick<GoodsFacts, ItemFact>) => boolean) | null {
  return filterOf(ITEM_TERMS, scope);
}

/** `goodsCondition` in JavaScript. */
export function goodsFilter(scope: GoodsScope): ((facts: GoodsFacts) => boolean) | null {
  const item = filterOf(ITEM_TERMS, scope);
  const declaration = filterOf(DECLARATION_TERMS, scope);
  if (!item || !declaration) return item ?? declaration;
  return (facts) => item(facts) && declaration(facts);
}

/**
 * The shape of a scope's conditions, for naming prepared statements: which terms restrict. The
 * values travel as parameters, so scopes of one shape share a statement.
 */
export function goodsShape(scope: GoodsScope): string {
  return [...ITEM_TERMS, ...DECLARATION_TERMS]
    .filter((term) => term.admits(scope) !== null)
    .map((term) => term.name)
    .join(',');
}
