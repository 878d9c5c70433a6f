import { GraphQLError } from 'graphql';
import { builder } from '../../graphql/builder.js';
import { canonicalDecimal } from '../../shared/decimal.js';
import { ProcedureCodeRef } from '../rates/graphql/reference.js';
import { type Dimension, MAX_CELLS, MIN_DECLARANTS_PER_CELL, type StatisticsCell, tradeStatistics } from './service.js';

const DimensionEnum = builder.enumType('TradeStatisticsDimension', {
  description: 'What trade statistics are broken down by.',
  values: {
    MONTH: { description: 'Calendar month of submission (Europe/Oslo), as YYYY-MM.' },
    CHAPTER: { description: 'HS chapter of the goods (two digits).' },
    COUNTRY_OF_ORIGIN: { description: 'Country of origin of the goods.' },
    PROCEDURE: { description: 'Customs procedure.' },
  } as const,
});

const CellRef = builder.objectRef<StatisticsCell>('TradeStatisticsCell').implement({
  description: 'One cell of trade statistics: goods of the declarations that fall in it.',
  fields: (t) => ({
    month: t.exposeString('month', { nullable: true, description: 'YYYY-MM, when broken down by month.' }),
    chapter: t.exposeString('chapter', { nullable: true, description: 'HS chapter, when broken down by chapter.' }),
    countryOfOrigin: t.field({
      type: 'CountryCode',
      nullable: true,
      description: 'Country of origin, when broken down by it.',
      resolve: (c) => c.countryOfOrigin,
    }),
    procedureCode: t.field({
      type: ProcedureCodeRef,
      nullable: true,
      description: 'The customs procedure, when broken down by it; null otherwise.',
      resolve: async (c, _args, ctx) => {
        if (c.procedureCode === null) return null;
        const procedure = await ctx.loaders.rates.procedureCode.load(c.procedureCode);
        // Cells group stored declarations, whose procedures are known ones.
        if (!procedure) throw new Error(`statistics name the unknown procedure ${c.procedureCode}`);
        return procedure;
      },
    }),
    declarations: t.exposeInt('declarations', { description: 'Declarations with goods in the cell.' }),
    goodsItems: t.exposeInt('goodsItems', { description: 'Goods items in the cell.' }),
    netMass: t.field({
      type: 'Decimal',
      description: 'Net mass in kg.',
      resolve: (c) => canonicalDecimal(c.netMassKg),
    }),
  }),
});

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

builder.queryField('tradeStatistics', (t) =>
  t.field({
    type: [CellRef],
    nullable: true,
    description:
      'Trade aggregated by month, chapter, country of origin and procedure, without personal data: for Statistics ' +
      `Norway and other agencies granted statistics (within the goods of their agreement, and of import declarations ` +
      `only unless it grants read:exports), and for officers. Whole ` +
      `months, at most twelve; at most ${MAX_CELLS} cells. Cells from fewer than ${MIN_DECLARANTS_PER_CELL} ` +
      'declarants are left out, and so are cells from which such a cell could be worked out by subtraction.',
    args: {
      fromMonth: t.arg.string({ required: true, description: 'First month, YYYY-MM.' }),
      toMonth: t.arg.string({ required: true, description: 'Last month, YYYY-MM.' }),
      groupBy: t.arg({
        type: [DimensionEnum],
        required: true,
        description: 'Dimensions to break down by, at least one.',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const months =
        MONTH.test(args.fromMonth) && MONTH.test(args.toMonth) ? monthsBetween(args.fromMonth, args.toMonth) : 0;
      if (months < 1 || months > 12 || args.groupBy.length === 0) {
        throw new GraphQLError('Give whole months, YYYY-MM, one to twelve of them, and at least one dimension.', {
          extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_STATISTICS_REQUEST' },
        });
      }
      const groupBy = [...new Set(args.groupBy)] as Dimension[];
      const cells = await tradeStatistics(ctx.db, ctx, args.fromMonth, args.toMonth, groupBy);
      if (cells.length > MAX_CELLS) {
        throw new GraphQLError('The breakdown has too many cells; choose fewer dimensions or a shorter period.', {
          extensions: { code: 'BAD_USER_INPUT', reason: 'TOO_MANY_CELLS' },
        });
      }
      return cells.filter((cell) => !cell.suppressed);
    },
  }),
);

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return ((ty ?? 0) - (fy ?? 0)) * 12 + ((tm ?? 0) - (fm ?? 0)) + 1;
}
