import { GraphQLError, responsePathAsArray } from 'graphql';
import { builder } from '../../../graphql/builder.js';
import { DATE_PART, resolveKeysetConnection, textPart } from '../../../graphql/pagination.js';
import { authorityDate } from '../../../shared/clock.js';
import {
  type CommodityCodeRow,
  EXCISE_CATEGORIES,
  type ExciseCategory,
  type TariffChapterRow,
  type TariffHeadingRow,
  type TariffSectionRow,
} from '../model.js';
import { findCommodityCode, listTariffSections, searchCommodityCodes } from '../repository.js';
import { MAX_SEARCH_LENGTH, MAX_SEARCH_WORD_LENGTH, MAX_SEARCH_WORDS, searchWords } from '../search.js';

export const VatClassEnum = builder.enumType('VatClass', {
  description: 'VAT class of goods on import.',
  values: {
    GENERAL: { value: 'general', description: 'The general rate (25 %).' },
    FOOD: { value: 'food', description: 'The reduced rate for food and non-alcoholic beverages (15 %).' },
  } as const,
});

export const CommodityUnitEnum = builder.enumType('CommodityUnit', {
  description: 'Statistical unit of a commodity code: the unit its supplementary quantity is declared in.',
  values: {
    KG: { value: 'kg', description: 'Kilograms net mass.' },
    L: { value: 'l', description: 'Litres of the goods.' },
    ML: { value: 'ml', description: 'Millilitres.' },
    PCS: { value: 'pcs', description: 'Number of pieces.' },
    PAIR: { value: 'pair', description: 'Number of pairs (footwear, gloves).' },
  } as const,
});

const EXCISE_CATEGORY_TEXTS: Record<ExciseCategory, { name: string; description: string }> = {
  alcohol: { name: 'ALCOHOL', description: 'Beverages with alcohol, by strength.' },
  'tobacco-cigarettes': { name: 'TOBACCO_CIGARETTES', description: 'Cigarettes, per piece.' },
  'tobacco-smoking': { name: 'TOBACCO_SMOKING', description: 'Smoking tobacco and cigars, per gram.' },
  'tobacco-snus': { name: 'TOBACCO_SNUS', description: 'Snus, per gram.' },
  'tobacco-chewing': { name: 'TOBACCO_CHEWING', description: 'Chewing tobacco, per gram.' },
  'e-liquid': { name: 'E_LIQUID', description: 'Liquid for electronic cigarettes, per millilitre.' },
  vehicle: { name: 'VEHICLE', description: 'Motor vehicles: the one-off registration tax applies instead.' },
};

export const ExciseCategoryEnum = builder.enumType('ExciseCategory', {
  description: 'Which excise duty goods under a commodity code carry.',
  values: Object.fromEntries(
    EXCISE_CATEGORIES.map((value) => {
      const { name, description } = EXCISE_CATEGORY_TEXTS[value];
      return [name, { value, description }];
    }),
  ) as Record<string, { value: ExciseCategory; description: string }>,
});

type Unit = 'kg' | 'l' | 'ml' | 'pcs' | 'pair';

const TariffSectionRef = builder.objectRef<TariffSectionRow>('TariffSection');
const TariffChapterRef = builder.objectRef<TariffChapterRow>('TariffChapter');
const TariffHeadingRef = builder.objectRef<TariffHeadingRow>('TariffHeading');

export const CommodityRef = builder.objectRef<CommodityCodeRow>('Commodity').implement({
  description:
    'A commodity code of the customs tariff as in force in one period. A code that changed has one version per period. ' +
    'Texts are those of the published tariff (Norwegian Customs open data, NLOD 2.0).',
  fields: (t) => ({
    code: t.field({ type: 'CommodityCode', description: 'The 8-digit code.', resolve: (c) => c.code }),
    displayCode: t.string({
      description: 'The code as printed in the tariff, with a dot after the heading: 0406.9099.',
      resolve: (c) => `${c.code.slice(0, 4)}.${c.code.slice(4)}`,
    }),
    chapter: t.field({
      type: TariffChapterRef,
      nullable: true,
      description:
        'The chapter: the first two digits. Null only for a code under a chapter the published tariff lacks.',
      resolve: (c, _args, ctx) => ctx.loaders.rates.chapter.load(c.code.slice(0, 2)),
    }),
    heading: t.field({
      type: TariffHeadingRef,
      nullable: true,
      description:
        'The heading: the first four digits. Null only for a code under a heading the published tariff lacks.',
      resolve: (c, _args, ctx) => ctx.loaders.rates.heading.load(c.code.slice(0, 4)),
    }),
    description: t.exposeString('description', {
      description:
        'Text of the code as the tariff prints it, under its heading and subheadings (often just "Other"); read it with the heading.',
    }),
    ratesLoaded: t.boolean({
      description:
        'Whether the rates of the code (statistical unit, VAT class, ordinary duty) are loaded. The open data holds ' +
        'none of them; an assessment of goods under a code without them is refused with RATES_NOT_LOADED.',
      resolve: (c) => c.vatClass !== null && c.unit !== null,
    }),
    unit: t.field({
      type: CommodityUnitEnum,
      nullable: true,
      description:
        'Statistical unit of the supplementary quantity. Goods declared in another unit than KG must state it. ' +
        'Null while the rates of the code are not loaded.',
      resolve: (c) => c.unit as Unit | null,
    }),
    vatClass: t.field({
      type: VatClassEnum,
      nullable: true,
      description: 'VAT class of the goods; null while the rates of the code are not loaded.',
      resolve: (c) => c.vatClass,
    }),
    exciseCategory: t.field({
      type: ExciseCategoryEnum,
      nullable: true,
      description:
        'Excise category when the goods carry excise duties; null otherwise, and while the rates are not loaded.',
      resolve: (c) => c.exciseCategory as ExciseCategory | null,
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

TariffSectionRef.implement({
  description: 'A section of the customs tariff (I to XXI), grouping chapters. Public.',
  fields: (t) => ({
    number: t.exposeString('id', { description: 'The section number as published, "01" to "21".' }),
    description: t.exposeString('description', { description: 'Title of the section.' }),
    chapters: t.field({
      type: [TariffChapterRef],
      description: 'Its chapters, in code order.',
      resolve: (s, _args, ctx) => ctx.loaders.rates.chaptersOfSection.load(s.id),
    }),
  }),
});

TariffChapterRef.implement({
  description: 'A chapter of the customs tariff: the first two digits of its codes. Public.',
  fields: (t) => ({
    code: t.exposeString('id', { description: 'Two digits, "01" to "97".' }),
    description: t.exposeString('description', { description: 'Title of the chapter.' }),
    section: t.field({
      type: TariffSectionRef,
      description: 'The section it belongs to.',
      resolve: async (c, _args, ctx) => (await ctx.loaders.rates.section.load(c.sectionId)) as TariffSectionRow,
    }),
    headings: t.field({
      type: [TariffHeadingRef],
      description: 'Its headings, in code order.',
      resolve: (c, _args, ctx) => ctx.loaders.rates.headingsOfChapter.load(c.id),
    }),
  }),
});

TariffHeadingRef.implement({
  description: 'A heading of the customs tariff: the first four digits of its codes. Public.',
  fields: (t) => ({
    code: t.exposeString('id', { description: 'Four digits, "0406".' }),
    description: t.exposeString('description', { description: 'Text of the heading.' }),
    chapter: t.field({
      type: TariffChapterRef,
      description: 'The chapter it belongs to.',
      resolve: async (h, _args, ctx) => (await ctx.loaders.rates.chapter.load(h.chapterId)) as TariffChapterRow,
    }),
    commodities: t.field({
      type: [CommodityRef],
      description: 'Its commodity codes in force on a date, in code order.',
      args: { validOn: t.arg({ type: 'Date', description: 'The date; today (Europe/Oslo) when omitted.' }) },
      resolve: (h, args, ctx) =>
        ctx.loaders.rates.codesOfHeading.load({ heading: h.id, date: args.validOn ?? authorityDate(ctx.clock.now()) }),
    }),
  }),
});

builder.queryFields((t) => ({
  tariffSections: t.field({
    type: [TariffSectionRef],
    description: 'The 21 sections of the customs tariff in order, the top of its hierarchy. Public.',
    resolve: (_root, _args, ctx) => listTariffSections(ctx.db),
  }),
  tariffChapter: t.field({
    type: TariffChapterRef,
    nullable: true,
    description: 'A chapter of the tariff by its two digits; null if there is none. Public.',
    args: { code: t.arg.string({ required: true, description: 'Two digits, "04".' }) },
    resolve: (_root, args, ctx) => ctx.loaders.rates.chapter.load(args.code),
  }),
  tariffHeading: t.field({
    type: TariffHeadingRef,
    nullable: true,
    description: 'A heading of the tariff by its four digits; null if there is none. Public.',
    args: { code: t.arg.string({ required: true, description: 'Four digits, "0406".' }) },
    resolve: (_root, args, ctx) => ctx.loaders.rates.heading.load(args.code),
  }),
}));

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
