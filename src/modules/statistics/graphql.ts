import { GraphQLError } from 'graphql';
import { builder } from '../../graphql/builder.js';
import { canonicalDecimal } from '../../shared/decimal.js';
import { aggregateTrade, type Dimension, MAX_CELLS, type StatisticsRow } from './repository.js';

/**
 * Cells built from fewer declarants than this are suppressed: their figures could reveal one
 * business's trade. No totals are given either, so suppressed figures cannot be recovered by
 * subtraction.
 */
export const MIN_DECLARANTS_PER_CELL = 3;

const DimensionEnum = builder.enumType('TradeStatisticsDimension', {
  description: 'What trade statistics are broken down by.',
  values: {
    MONTH: { description: 'Calendar month of submission (Europe/Oslo), as YYYY-MM.' },
    CHAPTER: { description: 'HS chapter of the goods (two digits).' },
    COUNTRY_OF_ORIGIN: { description: 'Country of origin of the goods.' },
    PROCEDURE: { description: 'Customs procedure.' },
  } as const,
});

const CellRef = builder.objectRef<StatisticsRow>('TradeStatisticsCell').implement({
  description:
    `One cell of trade statistics. A cell with fewer than ${MIN_DECLARANTS_PER_CELL} declarants is suppressed: its ` +
    'figures are null.',
  fields: (t) => ({
    month: t.exposeString('month', { nullable: true, description: 'YYYY-MM, when broken down by month.' }),
    chapter: t.exposeString('chapter', { nullable: true, description: 'HS chapter, when broken down by chapter.' }),
    countryOfOrigin: t.field({
      type: 'CountryCode',
      nullable: true,
      description: 'Country of origin, when broken down by it.',
      resolve: (c) => c.countryOfOrigin,
    }),
    procedureCode: t.exposeString('procedureCode', {
      nullable: true,
      description: 'Procedure, when broken down by it.',
    }),
    suppressed: t.boolean({
      description: `True when fewer than ${MIN_DECLARANTS_PER_CELL} declarants make up the cell.`,
      resolve: (c) => c.declarants < MIN_DECLARANTS_PER_CELL,
    }),
    declarations: t.int({
      nullable: true,
      description: 'Declarations with goods in the cell; null when suppressed.',
      resolve: (c) => (c.declarants < MIN_DECLARANTS_PER_CELL ? null : c.declarations),
    }),
    goodsItems: t.int({
      nullable: true,
      description: 'Goods items in the cell; null when suppressed.',
      resolve: (c) => (c.declarants < MIN_DECLARANTS_PER_CELL ? null : c.goodsItems),
    }),
    netMass: t.field({
      type: 'Decimal',
      nullable: true,
      description: 'Net mass in kg; null when suppressed.',
      resolve: (c) => (c.declarants < MIN_DECLARANTS_PER_CELL ? null : canonicalDecimal(c.netMassKg)),
    }),
  }),
});

builder.queryField('tradeStatistics', (t) =>
  t.field({
    type: [CellRef],
    nullable: true,
    description:
      'Trade aggregated by month, chapter, country of origin and procedure, without personal data, for Statistics ' +
      `Norway and other agencies granted statistics, and for officers. Periods up to 366 days; at most ${MAX_CELLS} cells.`,
    args: {
      from: t.arg({ type: 'Date', required: true, description: 'First day of the period (submission date).' }),
      to: t.arg({ type: 'Date', required: true, description: 'Last day of the period.' }),
      groupBy: t.arg({
        type: [DimensionEnum],
        required: true,
        description: 'Dimensions to break down by, at least one.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const days = (Date.parse(args.to) - Date.parse(args.from)) / 86_400_000;
      if (days < 0 || days > 365 || args.groupBy.length === 0) {
        throw new GraphQLError('Give a period of 1 to 366 days and at least one dimension.', {
          extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_STATISTICS_REQUEST' },
        });
      }
      const cells = await aggregateTrade(ctx.db, { from: args.from, to: args.to }, [
        ...new Set(args.groupBy),
      ] as Dimension[]);
      if (cells.length > MAX_CELLS) {
        throw new GraphQLError('The breakdown has too many cells; choose fewer dimensions or a shorter period.', {
          extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_CELLS' },
        });
      }
      return cells;
    },
  }),
);
