import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import type { RequestContext } from '../composition/context.js';
import type { Decimal } from '../shared/decimal.js';
import { decodeGlobalIdOrUnknown, isNodeId } from './global-ids.js';

/**
 * The schema builder and its plugins, nothing else: types live in their domain modules and
 * src/composition/schema.ts gathers them.
 */
export interface SchemaTypes {
  Context: RequestContext;
  DefaultFieldNullability: false;
  Scalars: {
    ID: { Input: string; Output: string | number };
    Date: { Input: string; Output: string };
    DateTime: { Input: Date; Output: Date };
    Decimal: { Input: Decimal; Output: Decimal | string };
    CommodityCode: { Input: string; Output: string };
    CountryCode: { Input: string; Output: string };
    CurrencyCode: { Input: string; Output: string };
    OrganisationNumber: { Input: string; Output: string };
  };
}

export const builder = new SchemaBuilder<SchemaTypes>({
  defaultFieldNullability: false,
  plugins: [ErrorsPlugin, RelayPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    decodeGlobalID: decodeGlobalIdOrUnknown,
    nodeQueryOptions: {
      description:
        'Fetches any object by its global id. An object the caller may not see answers null, as one that does not ' +
        'exist, and so does a malformed id.',
      args: { id: { description: 'The global id of the object.' } },
      resolve: (_root, args, _ctx, info, resolveNode) => (isNodeId(info, args.id) ? resolveNode(args.id) : null),
    },
    nodesQueryOptions: {
      description:
        'Fetches objects by their global ids, in order; null for each id the caller may not see, that does not exist ' +
        'or that is malformed.',
      args: { ids: { description: 'Global ids, at most 100.' } },
      resolve: (_root, args, _ctx, info, resolveNodes) => {
        // The plugin's callback loads what `args.ids` holds, whatever it is given: replace them there.
        const ids = args.ids.map((id) => (isNodeId(info, id) ? id : null)) as typeof args.ids;
        args.ids = ids;
        return resolveNodes(ids);
      },
    },
    nodeTypeOptions: { description: 'An object with a global id that `node` and `nodes` can refetch.' },
    pageInfoTypeOptions: {
      description: 'Where a page of a connection sits: cursors of its ends and whether more lie beyond them.',
    },
    idFieldOptions: { description: 'Global id: opaque, stable, and accepted by `node` and `nodes`.' },
    defaultConnectionTypeOptions: {},
    firstArgOptions: { description: 'Number of items from the start (after `after`); at most 100, default 20.' },
    lastArgOptions: { description: 'Number of items from the end (before `before`); at most 100.' },
    afterArgOptions: { description: 'Cursor of the item after which the page starts (an `endCursor`).' },
    beforeArgOptions: { description: 'Cursor of the item before which the page ends (a `startCursor`).' },
    edgesFieldOptions: { description: 'The items of this page with their cursors.' },
    pageInfoFieldOptions: { description: 'Cursors and whether more pages exist.' },
    cursorFieldOptions: { description: 'Opaque position of this item, for `after` or `before`.' },
    nodeFieldOptions: { description: 'The item.' },
    hasNextPageFieldOptions: { description: 'More items follow the end of this page.' },
    hasPreviousPageFieldOptions: { description: 'More items precede the start of this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item of this page.' },
    endCursorFieldOptions: {
      description: 'Cursor of the last item of this page; pass it as `after` for the next page.',
    },
  },
  errors: {
    directResult: true,
  },
});
