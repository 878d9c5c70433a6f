import { builder } from '../../../graphql/builder.js';
import { authorityDate } from '../../../shared/clock.js';
import { canonicalDecimal, Decimal } from '../../../shared/decimal.js';
import type { CountryRow, CurrencyRow, CustomsOfficeRow, ExchangeRateRow, ProcedureCodeRow } from '../model.js';
import {
  findExchangeRate,
  listCountries,
  listCurrencies,
  listCustomsOffices,
  listExchangeRates,
  listProcedureCodes,
} from '../repository.js';

/** Defined with the procedure codes, which are each for one type of declaration; declarations reuse it. */
export const DeclarationTypeEnum = builder.enumType('DeclarationType', {
  description: 'Whether goods are declared into Norway or out of it.',
  values: {
    IMPORT: {
      description: 'Goods brought into Norway, declared for release for free circulation or another import procedure.',
    },
    EXPORT: { description: 'Goods taken out of Norway.' },
  } as const,
});

const CountryRef = builder.objectRef<CountryRow>('Country').implement({
  description: 'A country (ISO 3166-1).',
  fields: (t) => ({
    code: t.field({ type: 'CountryCode', description: 'ISO 3166-1 alpha-2 code.', resolve: (c) => c.code }),
    name: t.exposeString('name', { description: 'English name.' }),
  }),
});

const CurrencyRef = builder.objectRef<CurrencyRow>('Currency').implement({
  description: 'A currency (ISO 4217).',
  fields: (t) => ({
    code: t.field({ type: 'CurrencyCode', description: 'ISO 4217 code.', resolve: (c) => c.code }),
    name: t.exposeString('name', { description: 'English name.' }),
    minorUnits: t.exposeInt('minorUnits', {
      description: "Decimals of the currency's minor unit (2 for NOK, 0 for JPY).",
    }),
  }),
});

const ExchangeRateRef = builder.objectRef<ExchangeRateRow>('ExchangeRate').implement({
  description:
    'An exchange rate of the authority: NOK for `unit` units of the currency, in force from `validFrom` to `validTo` ' +
    'inclusive. Invoice amounts are converted at the rate in force when the complete declaration is received.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Id of this rate row; assessments cite it.' }),
    currency: t.field({ type: 'CurrencyCode', description: 'The foreign currency.', resolve: (r) => r.currencyCode }),
    rate: t.field({
      type: 'Decimal',
      description: 'NOK for `unit` units of the currency, as published.',
      resolve: (r) => canonicalDecimal(r.rate),
    }),
    unit: t.exposeInt('unit', { description: 'Units of the currency the rate is for (omregningsenhet): 1 or 100.' }),
    nokPerUnit: t.field({
      type: 'Decimal',
      description: 'NOK for one unit of the currency: `rate` divided by `unit`, exact.',
      resolve: (r) => new Decimal(r.rate).div(r.unit),
    }),
    validFrom: t.field({ type: 'Date', description: 'First day the rate is in force.', resolve: (r) => r.validFrom }),
    validTo: t.field({
      type: 'Date',
      nullable: true,
      description: 'Last day the rate is in force; null until a newer rate is published.',
      resolve: (r) => r.validTo,
    }),
    source: t.exposeString('source', { description: 'Where the rate comes from.' }),
  }),
});

export const CustomsOfficeRef = builder.objectRef<CustomsOfficeRow>('CustomsOffice').implement({
  description: 'A customs office where goods are declared and presented.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'Reference number of the office, for example NO351001.' }),
    name: t.exposeString('name', { description: 'Name of the office.' }),
    locode: t.exposeString('locode', { nullable: true, description: 'UN/LOCODE of its location, when it has one.' }),
    kind: t.exposeString('kind', { description: 'Kind of office: airport, border crossing, port, postal or inland.' }),
  }),
});

export const ProcedureCodeRef = builder.objectRef<ProcedureCodeRow>('ProcedureCode').implement({
  description: 'A customs procedure a declaration can be made under.',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The procedure code, for example 4000.' }),
    declarationType: t.field({
      type: DeclarationTypeEnum,
      description: 'Type of declaration the procedure is for.',
      resolve: (p) => p.declarationType,
    }),
    description: t.exposeString('description', { description: 'What the procedure is.' }),
  }),
});

builder.queryFields((t) => ({
  countries: t.field({
    type: [CountryRef],
    description: 'All countries (ISO 3166-1), by code. Public.',
    resolve: (_root, _args, ctx) => listCountries(ctx.db),
  }),
  currencies: t.field({
    type: [CurrencyRef],
    description: 'All currencies (ISO 4217), by code. Public.',
    resolve: (_root, _args, ctx) => listCurrencies(ctx.db),
  }),
  exchangeRate: t.field({
    type: ExchangeRateRef,
    nullable: true,
    description:
      'The exchange rate in force for a currency on a date (today at the authority when omitted); null if none. Public.',
    args: {
      currency: t.arg({ type: 'CurrencyCode', required: true, description: 'The foreign currency.' }),
      date: t.arg({ type: 'Date', description: 'The day; today (Europe/Oslo) when omitted.' }),
    },
    resolve: async (_root, args, ctx) =>
      (await findExchangeRate(ctx.db, args.currency, args.date ?? authorityDate(ctx.clock.now()))) ?? null,
  }),
  exchangeRates: t.field({
    type: [ExchangeRateRef],
    description:
      'Published exchange rates whose windows overlap the period, by currency and newest first; at most 500. Public.',
    args: {
      currency: t.arg({ type: 'CurrencyCode', description: 'Only this currency.' }),
      from: t.arg({ type: 'Date', description: 'Start of the period.' }),
      to: t.arg({ type: 'Date', description: 'End of the period.' }),
    },
    resolve: (_root, args, ctx) =>
      listExchangeRates(
        ctx.db,
        { currency: args.currency ?? undefined, from: args.from ?? undefined, to: args.to ?? undefined },
        500,
      ),
  }),
  customsOffices: t.field({
    type: [CustomsOfficeRef],
    description: 'Customs offices, by code. Public.',
    resolve: (_root, _args, ctx) => listCustomsOffices(ctx.db),
  }),
  procedureCodes: t.field({
    type: [ProcedureCodeRef],
    description: 'Customs procedures, optionally for one type of declaration. Public.',
    args: { type: t.arg({ type: DeclarationTypeEnum, description: 'Only procedures for this type of declaration.' }) },
    resolve: (_root, args, ctx) => listProcedureCodes(ctx.db, args.type ?? undefined),
  }),
}));
