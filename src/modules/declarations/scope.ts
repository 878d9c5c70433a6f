import { and, eq, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Access } from '../../auth/access.js';
import { type Agreement, capabilitiesOf } from '../../auth/agreement.js';
import {
  agreementGoods,
  declarationCondition,
  goodsShape,
  inlineList,
  itemCondition,
  itemFilter,
  type ListValue,
  placeholderList,
} from '../../auth/goods-scope.js';
import { type DeclarationRecord, declarations, declarationVersions, goodsItems } from './tables.js';

/**
 * Row scope: which declarations a caller may see at all, as one SQL predicate that every
 * declaration query applies (lists, lookups by id or number, nested reads, mutation targets).
 * A declaration outside the scope is treated as one that does not exist.
 *
 * Each scope comes in two forms: `condition` with the caller's values inline, for one-off
 * queries, and `template` with placeholders plus `params`, for prepared queries whose shape is
 * named by `key`. `undefined` conditions mean no restriction. The predicates may refer to the
 * current version (`declaration_versions`), which every declaration query joins.
 */
export interface RowScope {
  readonly key: string;
  readonly condition: SQL | undefined;
  readonly template: SQL | undefined;
  readonly params: Readonly<Record<string, unknown>>;
  /**
   * For callers who see only some goods items (an agency reading by chapter): the condition on
   * `goods_items` an item must meet, with placeholders among `params`. A filter on items (such as
   * a commodity code prefix) must apply it too, or it would tell which hidden goods a declaration has.
   */
  readonly itemTemplate?: SQL | undefined;
}

const NOTHING: RowScope = { key: 'none', condition: sql`false`, template: sql`false`, params: {} };
const EVERYTHING: RowScope = { key: 'all', condition: undefined, template: undefined, params: {} };

/**
 * How a business or a person is party to a declaration. The row scope asks it of the current
 * declaration in SQL; `partiesVisible` asks it of one version in JavaScript, from the same list.
 */
const BUSINESS_LINKS = [
  { column: declarations.declarantOrgnr, of: (r: DeclarationRecord) => r.declaration.declarantOrgnr },
  { column: declarations.partyOrgnr, of: (r: DeclarationRecord) => r.content.partyOrgnr },
  { column: declarations.representedOrgnr, of: (r: DeclarationRecord) => r.content.representedOrgnr },
] as const;
const PERSON_LINK = { column: declarations.partyNationalId, of: (r: DeclarationRecord) => r.content.partyNationalId };

function businessCondition(org: string | SQLWrapper): SQL | undefined {
  return or(...BUSINESS_LINKS.map((link) => eq(link.column, org)));
}

function personCondition(person: string | SQLWrapper): SQL {
  return eq(PERSON_LINK.column, person);
}

/**
 * Whether the caller may see the parties of this version of a declaration it sees. A business
 * or private person sees a declaration because of its current parties; an earlier version may
 * name other parties (an importer corrected by an amendment), whom they have no claim to see, so
 * they see a version's parties when that version names them as the row scope would. The
 * authority and agencies see the parties of what they see (personal data as the policy says).
 */
export function partiesVisible(access: Access, record: DeclarationRecord): boolean {
  const { principal } = access;
  switch (principal.role) {
    case 'business':
      return BUSINESS_LINKS.some((link) => link.of(record) === principal.organisationNumber);
    case 'private':
      return PERSON_LINK.of(record) === principal.nationalIdentityNumber;
    default:
      return true;
  }
}

/**
 * An agency sees declarations of its goods scope (src/auth/goods-scope.ts): of the procedures
 * and types the scope admits, with at least one goods item of the current version that it
 * admits; and of those, only the admitted items. Without a grant to read declarations, none.
 */
function agencyScope(agreement: Agreement | null): RowScope {
  if (!capabilitiesOf(agreement).has('declarations')) return NOTHING;
  const goods = agreementGoods(agreement);
  const condition = (value: ListValue) => {
    const item = itemCondition(goods, goodsItems, value);
    const items = item
      ? sql`exists (select 1 from ${goodsItems} where ${goodsItems.declarationId} = ${declarations.id}
        and ${goodsItems.version} = ${declarations.currentVersion} and ${item})`
      : undefined;
    return and(
      items,
      declarationCondition(
        goods,
        { procedureCode: declarationVersions.procedureCode, declarationType: declarations.type },
        value,
      ),
    );
  };
  const params: Record<string, unknown> = {};
  const template = condition(placeholderList(params));
  const itemTemplate = itemCondition(goods, goodsItems, placeholderList(params));
  return { key: `agency:${goodsShape(goods)}`, condition: condition(inlineList), template, params, itemTemplate };
}

export function declarationScope(access: Access): RowScope {
  const { principal } = access;
  switch (principal.role) {
    case 'business':
      return {
        key: 'business',
        condition: businessCondition(principal.organisationNumber),
        template: businessCondition(sql.placeholder('scopeOrganisation')),
        params: { scopeOrganisation: principal.organisationNumber },
      };
    case 'private':
      return {
        key: 'private',
        condition: personCondition(principal.nationalIdentityNumber),
        template: personCondition(sql.placeholder('scopePerson')),
        params: { scopePerson: principal.nationalIdentityNumber },
      };
    case 'officer':
    case 'auditor':
      return EVERYTHING;
    case 'agency':
      return agencyScope(access.agreement);
    case 'public':
      return NOTHING;
  }
}

/**
 * The goods items of a visible declaration that the caller may see: an agency reading by
 * chapter sees only the items in its chapters (and origins); everyone else sees them all.
 */
export function visibleItemFilter(
  access: Access,
): ((item: { commodityCode: string; originCountry: string }) => boolean) | null {
  if (access.principal.role !== 'agency') return null;
  return itemFilter(agreementGoods(access.agreement));
}

/** Which goods items a caller sees (`visibleItemFilter`); null when it sees them all. */
export type ItemFilter = ReturnType<typeof visibleItemFilter>;

interface NumberedItem {
  readonly itemNumber: number;
  readonly commodityCode: string;
  readonly originCountry: string;
}

export interface ItemView<T> {
  /** The items the caller sees, in order. */
  readonly visible: T[];
  /** The number each visible item is shown with, by its number in the declaration. */
  readonly shownNumber: ReadonlyMap<number, number>;
  /** Some items are hidden: declaration-level amounts (freight, insurance, totals) are withheld too. */
  readonly partial: boolean;
}

/**
 * What a caller sees of one version's goods items. The visible items are numbered 1 to n in
 * order: a gap (items 2 and 5 of 5) would tell an agency reading by chapter how many hidden items
 * there are and where. For everyone who sees every item the numbers are the declaration's own.
 */
export function itemView<T extends NumberedItem>(filter: ItemFilter, items: readonly T[]): ItemView<T> {
  const ordered = [...items].sort((a, b) => a.itemNumber - b.itemNumber);
  const visible = filter ? ordered.filter(filter) : ordered;
  const partial = visible.length < ordered.length;
  const shownNumber = new Map(visible.map((item, i) => [item.itemNumber, partial ? i + 1 : item.itemNumber]));
  return { visible, shownNumber, partial };
}
