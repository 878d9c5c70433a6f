import { GraphQLError } from 'graphql';
import { builder } from '../../graphql/builder.js';
import { decodeCursor, encodeCursor, ID_PART, textPart } from '../../graphql/pagination.js';
import { ProcedureCodeRef } from '../rates/graphql/reference.js';
import { type FeedPosition, feedEvents, type ItemEventRow } from './service.js';

/** The authority's own feeds give at most 1,000 events a page; so does this one. */
export const MAX_FEED_PAGE = 1000;

const ItemEventKindEnum = builder.enumType('DeclarationItemEventKind', {
  description: 'What happened to a goods item.',
  values: {
    ADDED: { description: 'The item came with a new declaration or an amendment.' },
    REMOVED: { description: 'The item left with an amendment or a cancellation.' },
  } as const,
});

/** Declarations add the fields that point to the declaration (declarations/graphql/feed.ts). */
export const ItemEventRef = builder.objectRef<ItemEventRow>('DeclarationItemEvent').implement({
  description:
    'One goods item added to or removed from a declaration. An amended item is removed in its old form and added in ' +
    'its new one.',
  fields: (t) => ({
    marker: t.string({
      description: 'Position of this event; pass it as `after` to read on from here.',
      resolve: markerOf,
    }),
    kind: t.field({ type: ItemEventKindEnum, description: 'Added or removed.', resolve: (e) => e.kind }),
    // A number beside the `declaration` object, unlike elsewhere in the schema: an event is a record
    // of the past that a reader replicates, and a REMOVED event must still say which declaration
    // its item left when the declaration has left the reader's scope and `declaration` is null.
    declarationNumber: t.exposeString('declarationNumber', {
      description:
        'Number of the declaration the item belongs to. It stays when `declaration` is null: a declaration that an ' +
        'amendment took out of your scope still names the declaration its REMOVED items left.',
    }),
    version: t.exposeInt('version', { description: 'The version of the declaration the item belongs to.' }),
    itemNumber: t.exposeInt('itemNumber', {
      description:
        'Position of the item in that version. An agency that sees only some items gets its position among those it ' +
        'may see, the number `goodsItems` shows it.',
    }),
    commodityCode: t.field({
      type: 'CommodityCode',
      description: 'Commodity code of the item.',
      resolve: (e) => e.commodityCode,
    }),
    countryOfOrigin: t.field({
      type: 'CountryCode',
      description: 'Country of origin of the item.',
      resolve: (e) => e.originCountry,
    }),
    procedureCode: t.field({
      type: ProcedureCodeRef,
      description: 'Customs procedure of the declaration in that version.',
      resolve: async (e, _args, ctx) => {
        const procedure = await ctx.loaders.rates.procedureCode.load(e.procedureCode);
        // Declarations are stored with known procedures only (declarations/validation.ts).
        if (!procedure) throw new Error(`feed event ${e.id} names the unknown procedure ${e.procedureCode}`);
        return procedure;
      },
    }),
    occurredAt: t.field({ type: 'DateTime', description: 'When the change was made.', resolve: (e) => e.occurredAt }),
  }),
});

function markerOf(event: ItemEventRow): string {
  return encodeCursor([event.txId, event.id]);
}

function positionOf(marker: string): FeedPosition {
  const [txId, id] = decodeCursor(marker, [textPart(/^\d{1,20}$/), ID_PART]);
  return { txId: txId as string, id: id as number };
}

interface FeedPage {
  events: ItemEventRow[];
  marker: string | null;
  hasMore: boolean;
}

const FeedPageRef = builder.objectRef<FeedPage>('DeclarationItemFeedPage').implement({
  description: 'A page of the declaration item feed.',
  fields: (t) => ({
    events: t.field({ type: [ItemEventRef], description: 'The events, oldest first.', resolve: (p) => p.events }),
    marker: t.exposeString('marker', {
      nullable: true,
      description: 'Keep this and pass it as `after` next time. Null only while the feed has nothing for you.',
    }),
    hasMore: t.exposeBoolean('hasMore', { description: 'More events are ready now: read again at once.' }),
  }),
});

builder.queryField('declarationItemFeed', (t) =>
  t.field({
    type: FeedPageRef,
    nullable: true,
    description:
      'The declaration item feed: every goods item added or removed, oldest first, as far as your agreement reaches ' +
      '(an agency sees the goods of its chapters, procedures and origins, and of export declarations only with the ' +
      'read:exports grant). Keep the marker of the last page and pass ' +
      'it as `after`; an event is never skipped or repeated across pages.',
    args: {
      after: t.arg.string({ description: 'The marker you kept; omit to start from the beginning.' }),
      first: t.arg.int({
        description: `Events per page, 1 to ${MAX_FEED_PAGE}.`,
        defaultValue: MAX_FEED_PAGE,
      }),
    },
    resolve: async (_root, args, ctx) => {
      const first = args.first ?? MAX_FEED_PAGE;
      if (first < 1 || first > MAX_FEED_PAGE) {
        throw new GraphQLError(`"first" must be from 1 to ${MAX_FEED_PAGE}.`, {
          extensions: { code: 'BAD_USER_INPUT', reason: 'PAGE_SIZE_OUT_OF_RANGE' },
        });
      }
      const after = args.after ? positionOf(args.after) : null;
      const rows = await feedEvents(ctx.db, ctx, after, first + 1);
      const events = rows.slice(0, first);
      const last = events.at(-1);
      return { events, marker: last ? markerOf(last) : (args.after ?? null), hasMore: rows.length > first };
    },
  }),
);
