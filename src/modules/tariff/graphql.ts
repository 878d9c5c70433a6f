import { GraphQLError, responsePathAsArray } from 'graphql';
import { builder } from '../../graphql/builder.js';
import { DATE_PART, resolveKeysetConnection, textPart } from '../../graphql/pagination.js';
import { authorityDate } from '../../shared/clock.js';
import { type CommodityCodeRow, findCommodityCode, searchCommodityCodes } from './repository.js';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORD_LENGTH, MAX_SEARCH_WORDS, searchWords } from './search.js';

export const VatClassEnum = builder.enumType('VatClass', {
  description: 'VAT class of goods on import.',
  values: {
    GENERAL: { value: 'general', description: 'The general rate (25 %).' },
    FOOD: { value: 'food', description: 'The reduced rate for food and non-alcoholic beverages (15 %).' },
  } as const,
});

export const CommodityRef = builder.objectRef<CommodityCodeRow>('Commodity').implement({
  description:
    'A commodity code of the customs tariff as in force in one period. A code that changed has one version per period.',
  fields: (t) => ({
    code: t.field({ type: 'CommodityCode', description: 'The 8-digit code.', resolve: (c) => c.code }),
    displayCode: t.string({
      description: 'The code as printed in the tariff, with a dot after the heading: 0406.9099.',
      resolve: (c) => `${c.code.slice(0, 4)}.${c.code.slice(4)}`,
    }),
    chapter: t.string({ description: 'The HS chapter: the first two digits.', resolve: (c) => c.code.slice(0, 2) }),
    description: t.exposeString('description', { description: 'Description of the goods.' }),
    unit: t.exposeString('unit', {
      description:
        'Statistical unit of the supplementary quantity (kg, l, pcs, pair). Goods declared in another unit than kg must state it.',
    }),
    vatClass: t.field({ type: VatClassEnum, description: 'VAT class of the goods.', resolve: (c) => c.vatClass }),
    exciseCategory: t.exposeString('exciseCategory', {
      nullable: true,
      description: 'Excise category when the goods carry excise duties (alcohol, tobacco-*, vehicle); null otherwise.',
    }),
    restrictedBy: t.exposeString('restrictedBy', {
      nullable: true,
      description: 'Code of the agency whose permit the goods need, when they are restricted; null otherwise.',
    }),
    validFrom: t.field({
      type: 'Date',
      description: 'First day this version is in force.',
      resolve: (c) => c.validFrom,
    }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day in force; null while current.',
      resolve: (c) => c.validTo,
    }),
  }),
});

builder.queryFields((t) => ({
  commodities: t.connection(
    {
      type: CommodityRef,
      description:
        'Searches the customs tariff by code prefix and words of the description, in code order. Public. ' +
        'Versions in force today unless `validOn` says otherwise.',
      args: {
        prefix: t.arg.string({ description: 'Leading digits of the code ("0406" or "0406.90").' }),
        search: t.arg.string({
          description:
            'Words that must all occur in the description, any case, each also inside longer words ("cheese fat"). ' +
            `At most ${MAX_SEARCH_WORDS} words of at most ${MAX_SEARCH_WORD_LENGTH} characters, ${MAX_SEARCH_LENGTH} ` +
            'characters in all; more is refused with INVALID_INPUT (reason TOO_MANY_WORDS, WORD_TOO_LONG or ' +
            'SEARCH_TOO_LONG) before the tariff is read.',
        }),
        validOn: t.arg({
          type: 'Date',
          description: 'Versions in force on this date; today (Europe/Oslo) when omitted.',
        }),
      },
      resolve: (_root, args, ctx, info) => {
        const parsed = searchWords(args.search ?? '');
        if ('refusal' in parsed) {
          throw new GraphQLError(parsed.refusal.message, {
            extensions: {
              code: 'INVALID_INPUT',
              reason: parsed.refusal.reason,
              inputPath: [...responsePathAsArray(info.path), 'search'],
              // Refused as the input guard refuses a bad character: the request, not a field, is at fault.
              http: { status: 400 },
            },
          });
        }
        return resolveKeysetConnection(
          args,
          [textPart(/^\d{8}$/), DATE_PART],
          (row: CommodityCodeRow) => [row.code, row.validFrom],
          (page) =>
            searchCommodityCodes(
              ctx.db,
              {
                prefix: args.prefix?.replace('.', '') ?? undefined,
                words: parsed.words,
                validOn: args.validOn ?? authorityDate(ctx.clock.now()),
              },
              page,
            ),
        );
      },
    },
    {
      name: 'CommodityConnection',
      description: 'A page of commodity codes with cursors to the next and previous pages.',
    },
    {
      name: 'CommodityEdge',
      description: 'A commodity code in a page, with its cursor.',
    },
  ),
  commodity: t.field({
    type: CommodityRef,
    nullable: true,
    description:
      'One commodity code as in force on a date (today when omitted); null if it is not in force then. Public.',
    args: {
      code: t.arg({ type: 'CommodityCode', required: true, description: 'The 8-digit code.' }),
      validOn: t.arg({ type: 'Date', description: 'The date; today (Europe/Oslo) when omitted.' }),
    },
    resolve: async (_root, args, ctx) =>
      (await findCommodityCode(ctx.db, args.code, args.validOn ?? authorityDate(ctx.clock.now()))) ?? null,
  }),
}));
